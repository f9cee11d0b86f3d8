-- articles in the warehouse, each counted once as its current version
with articles as (
    select * from fct_article where is_current
),
final as (
    select count(*) as article_count from articles
)
select * from final
