-- authors first seen in this batch.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into dim_author by name
with staged as (
    select * from stg_dim_author
),
final as (
    select staged.*
    from staged
    anti join dim_author using (author_key)
)
select * from final
