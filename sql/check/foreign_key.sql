-- rows of {table} whose {column} names no row of {target} ({target_key}); nulls are no key.
-- {table}, {column}, {target}, {target_key} are identifiers from etl/warehouse/registry.py.
with referencing as (
    select {column} as key from {table} where {column} is not null
),
final as (
    select count(*) as violations
    from referencing
    anti join {target} on {target}.{target_key} = referencing.key
)
select * from final
