-- outlets first seen in this batch.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into dim_source by name
with staged as (
    select * from stg_dim_source
),
final as (
    select staged.*
    from staged
    anti join dim_source using (source_key)
)
select * from final
