-- text of the articles this batch publishes.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into dim_article by name
with staged as (
    select * from stg_dim_article
),
final as (
    select staged.*
    from staged
    anti join dim_article using (article_key)
)
select * from final
