-- every table's columns and types, in declaration order
with columns as (
    select table_name, column_name, data_type, column_index
    from duckdb_columns()
    where schema_name = 'main' and not internal
),
tables as (
    select table_name from duckdb_tables() where schema_name = 'main'
),
final as (
    select columns.table_name, columns.column_name, columns.data_type
    from columns
    semi join tables using (table_name)
    order by columns.table_name, columns.column_index
)
select * from final
