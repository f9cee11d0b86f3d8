-- files already recorded, so ingest processes each (path, content) only once
with files as (
    select * from raw_file
),
final as (
    select path, sha256, outcome from files
)
select * from final
