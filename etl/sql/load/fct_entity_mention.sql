-- mentions per (article, canonical entity).
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into fct_entity_mention by name
with staged as (
    select * from stg_fct_entity_mention
),
final as (
    select staged.*
    from staged
    anti join fct_entity_mention using (article_key, entity_key)
)
select * from final
