with articles as (
    -- the current version of each article (older versions keep their rows)
    select * from fct_article where is_current
),
dates as (
    select * from dim_date
),
final as (
    select
        dates.full_date,
        count(*) as article_count,
        sum(articles.entity_count) as entity_count
    from articles
    inner join dates on dates.date_key = coalesce(
        articles.published_date_key, articles.ingested_date_key
    )
    group by all
    order by dates.full_date
)
select * from final
