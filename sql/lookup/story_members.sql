-- the latest articles (at most $1 each) of candidate stories (stg_story_keys), with their
-- text, to compare new articles with for rewrites of the same copy.
with wanted as (
    select distinct story_key from stg_story_keys
),
members as (
    select
        fct_article.article_key,
        fct_article.story_key,
        fct_article.published_date_key,
        fct_article.first_version_key
    from fct_article
    semi join wanted using (story_key)
    qualify row_number() over (
        partition by fct_article.story_key
        order by fct_article.published_date_key desc nulls last, fct_article.article_key
    ) <= $1
),
final as (
    select
        members.article_key,
        members.story_key,
        members.published_date_key,
        dim_article.body,
        members.first_version_key
    from members
    inner join dim_article using (article_key)
    order by members.article_key
)
select * from final
