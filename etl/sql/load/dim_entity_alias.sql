-- surface forms not yet recorded for their entity.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into dim_entity_alias by name
with staged as (
    select * from stg_dim_entity_alias
),
final as (
    select staged.*
    from staged
    anti join dim_entity_alias using (entity_key, alias)
)
select * from final
