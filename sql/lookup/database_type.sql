-- the kind of the connection's current database: duckdb for a file, ducklake for a lake
with databases as (
    select database_name, type from duckdb_databases()
),
final as (
    select type from databases where database_name = current_database()
)
select * from final
