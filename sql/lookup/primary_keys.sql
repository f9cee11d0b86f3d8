-- tables whose DDL declares a primary key, which DuckDB then enforces itself
with constraints as (
    select table_name from duckdb_constraints() where constraint_type = 'PRIMARY KEY'
),
final as (
    select distinct table_name from constraints
)
select * from final
