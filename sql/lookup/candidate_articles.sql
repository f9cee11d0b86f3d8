-- the articles a batch is compared with for rewrites of the same copy (stg_candidate_articles:
-- story members and LSH hits), with their text. The keys arrive as a registered frame of
-- known size, so the joins hash them, never the history: planned from estimates, a join of
-- the hits with dim_article could hash every body in the warehouse (a DuckLake at a million
-- articles ran out of its 1 GB that way).
with wanted as (
    select distinct article_key from stg_candidate_articles
),
facts as (
    select
        fct_article.article_key,
        fct_article.story_key,
        fct_article.published_date_key,
        fct_article.first_version_key
    from fct_article
    semi join wanted using (article_key)
),
bodies as (
    select dim_article.article_key, dim_article.body
    from dim_article
    semi join wanted using (article_key)
),
final as (
    select
        facts.article_key,
        facts.story_key,
        facts.published_date_key,
        bodies.body,
        facts.first_version_key
    from facts
    inner join bodies using (article_key)
    order by facts.article_key
)
select * from final
