-- rows of {table} whose {column} names no row of {target} ({target_key}); nulls are no key.
-- {table}, {column}, {target}, {target_key} are identifiers from etl/warehouse/registry.py;
-- {scope} limits the rows checked to the keys a run wrote (empty: every row).
with referencing as (
    select {column} as key from {table} {scope} where {column} is not null
),
final as (
    select count(*) as violations
    from referencing
    anti join {target} on {target}.{target_key} = referencing.key
)
select * from final
