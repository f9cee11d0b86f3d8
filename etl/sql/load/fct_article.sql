-- one row per published article.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into fct_article by name
with staged as (
    select * from stg_fct_article
),
final as (
    select staged.*
    from staged
    anti join fct_article using (article_key)
)
select * from final
