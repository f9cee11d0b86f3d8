with daily as (
    select * from v_articles_daily
),
final as (
    select
        outlet_name,
        sum(article_count) as article_count,
        sum(avg_boilerplate_ratio * article_count) / sum(article_count) as avg_boilerplate_ratio
    from daily
    group by all
    order by avg_boilerplate_ratio desc
)
select * from final
