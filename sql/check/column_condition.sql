-- rows of {table} whose {column} breaks the DDL's CHECK ({condition}), where no constraint
-- enforces it (a DuckLake); {scope} limits the rows checked to those a run wrote.
with final as (
    select count(*) as violations from {table} {scope} where not ({condition})
)

select * from final
