-- boilerplate removed per (article, category).
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into fct_removed_block by name
with staged as (
    select * from stg_fct_removed_block
),
final as (
    select staged.*
    from staged
    anti join fct_removed_block using (article_key, category)
)
select * from final
