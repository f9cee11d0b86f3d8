-- every view of the warehouse with its definition as DuckDB renders it
with views as (
    select view_name, sql
    from duckdb_views()
    where schema_name = 'main' and not internal and database_name = current_database()
),
final as (
    select view_name, sql from views
)
select * from final
