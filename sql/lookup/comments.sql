-- comments already on tables, views and their columns (column null for the table's own)
with table_comments as (
    select table_name as name, null as column_name, comment
    from duckdb_tables()
    where schema_name = 'main'
),
view_comments as (
    select view_name as name, null as column_name, comment
    from duckdb_views()
    where schema_name = 'main' and not internal
),
column_comments as (
    select table_name as name, column_name, comment
    from duckdb_columns()
    where schema_name = 'main' and not internal
),
final as (
    select * from table_comments
    union all
    select * from view_comments
    union all
    select * from column_comments
)
select * from final
