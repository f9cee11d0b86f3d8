with articles as (
    select * from fct_article
),
sources as (
    select * from dim_source
),
final as (
    select
        sources.outlet_name,
        count(*) as article_count,
        avg(articles.boilerplate_ratio) as avg_boilerplate_ratio
    from articles
    inner join sources using (source_key)
    group by all
    order by avg_boilerplate_ratio desc
)
select * from final
