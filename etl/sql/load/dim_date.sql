-- calendar rows for dates first referenced in this batch.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into dim_date by name
with staged as (
    select * from stg_dim_date
),
final as (
    select staged.*
    from staged
    anti join dim_date using (date_key)
)
select * from final
