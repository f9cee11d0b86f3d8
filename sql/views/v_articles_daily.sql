create or replace view v_articles_daily as
with articles as (
    -- the current version of each article (older versions keep their rows)
    select * from fct_article where is_current
),
sources as (
    select * from dim_source
),
final as (
    select
        articles.published_date_key as date_key,
        sources.outlet_name,
        count(*) as article_count,
        sum(articles.word_count) as word_count,
        avg(articles.boilerplate_ratio) as avg_boilerplate_ratio
    from articles
    inner join sources using (source_key)
    group by all
)
select * from final
