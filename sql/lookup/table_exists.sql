with tables as (
    select * from information_schema.tables
),
final as (
    select count(*) > 0 as present
    from tables
    where table_schema = 'main' and table_name = ?
)
select * from final
