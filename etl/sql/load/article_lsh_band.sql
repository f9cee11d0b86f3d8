-- LSH buckets of the articles this batch published.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into article_lsh_band by name
with staged as (
    select * from stg_article_lsh_band
),
final as (
    select staged.*
    from staged
    anti join article_lsh_band using (band, bucket, article_key)
)
select * from final
