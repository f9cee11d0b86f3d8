-- keys of {table} held by more than one row ({key}: identifiers from the registry), for the
-- tables whose DDL declares no primary key to enforce it; {scope} limits the keys checked to
-- those a run wrote (a duplicate always holds one of them), empty for every key.
with counted as (
    select {key}, count(*) as copies from {table} {scope} group by all
),
final as (
    select count(*) as violations from counted where copies > 1
)
select * from final
