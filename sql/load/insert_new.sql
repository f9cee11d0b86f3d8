-- the staged rows of a table whose key is not present yet, so publishing a batch twice
-- changes nothing. {table} and {key} are identifiers from etl/warehouse/registry.py.
insert into {table} by name
with staged as (
    select * from stg_{table}
),
final as (
    select staged.*
    from staged
    anti join {table} using ({key})
)
select * from final
