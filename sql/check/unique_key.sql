-- keys of {table} held by more than one row ({key}: identifiers from the registry), for the
-- tables whose DDL declares no primary key to enforce it.
with counted as (
    select {key}, count(*) as copies from {table} group by all
),
final as (
    select count(*) as violations from counted where copies > 1
)
select * from final
