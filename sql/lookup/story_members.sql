-- the latest articles (at most $1 each) of candidate stories (stg_story_keys): their keys,
-- whose texts lookup/candidate_articles.sql then reads.
with wanted as (
    select distinct story_key from stg_story_keys
),
members as (
    select fct_article.article_key
    from fct_article
    semi join wanted using (story_key)
    qualify row_number() over (
        partition by fct_article.story_key
        order by fct_article.published_date_key desc nulls last, fct_article.article_key
    ) <= $1
),
final as (
    select article_key from members
)
select * from final
