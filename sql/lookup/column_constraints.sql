-- the UNIQUE and CHECK constraints on one column each, with a CHECK's condition: what the DDL
-- declares (read in a scratch database) or what a warehouse enforces (none in a DuckLake)
with constraints as (
    select
        table_name,
        constraint_type,
        constraint_column_names,
        expression
    from duckdb_constraints()
    where
        constraint_type in ('UNIQUE', 'CHECK')
        and database_name = current_database()
        and len(constraint_column_names) = 1
),

final as (
    select
        table_name,
        lower(constraint_type) as kind,
        constraint_column_names[1] as column_name,
        expression as condition
    from constraints
)

select * from final
