-- sections first seen in this batch.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into dim_section by name
with staged as (
    select * from stg_dim_section
),
final as (
    select staged.*
    from staged
    anti join dim_section using (section_key)
)
select * from final
