-- articles sharing an LSH bucket with a batch's articles (stg_lsh_buckets): their keys,
-- whose texts lookup/candidate_articles.sql then reads.
with wanted as (
    select distinct band, bucket from stg_lsh_buckets
),
hits as (
    select distinct article_lsh_band.article_key
    from article_lsh_band
    semi join wanted using (band, bucket)
),
final as (
    select article_key from hits
)
select * from final
