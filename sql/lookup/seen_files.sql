-- files already recorded, so ingest processes each (path, content) only once and skips
-- unchanged files (same size and modification time) without reading them
with files as (
    select * from raw_file
),
final as (
    select path, sha256, outcome, size_bytes, mtime_ns from files
)
select * from final
