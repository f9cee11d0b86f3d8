-- canonical entities first seen in this batch; an existing row keeps its first spelling.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into dim_entity by name
with staged as (
    select * from stg_dim_entity
),
final as (
    select staged.*
    from staged
    anti join dim_entity using (entity_key)
)
select * from final
