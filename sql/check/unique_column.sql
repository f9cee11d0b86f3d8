-- values of {table}.{column} held by more than one row, where the DDL declares the column
-- unique and no constraint enforces it (a DuckLake); {scope} limits the values checked to
-- those of the rows a run wrote (a duplicate always holds one of them), empty for every row.
with checked as (
    select {column} from {table} {scope}
),

counted as (
    select
        {column},
        count(*) as copies
    from {table}
    where {column} in (select {column} from checked)
    group by all
),

final as (
    select count(*) as violations from counted where copies > 1
)

select * from final
