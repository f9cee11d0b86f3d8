-- articles sharing an LSH bucket with a batch's articles (stg_lsh_buckets), with their text.
with wanted as (
    select distinct band, bucket from stg_lsh_buckets
),
hits as (
    select distinct article_lsh_band.article_key
    from article_lsh_band
    semi join wanted using (band, bucket)
),
final as (
    select
        fct_article.article_key,
        fct_article.story_key,
        fct_article.published_date_key,
        dim_article.body,
        fct_article.first_version_key
    from hits
    inner join fct_article using (article_key)
    inner join dim_article using (article_key)
    order by fct_article.article_key
)
select * from final
