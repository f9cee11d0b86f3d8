-- the inbox files (stg_inbox_stamps) recorded with the same size and modification time:
-- ingest skips them without reading. The join runs in DuckDB, so a run never holds the
-- history of raw_file in Python.
with stamps as (
    select * from stg_inbox_stamps
),
recorded as (
    select path, size_bytes, mtime_ns from raw_file
),
final as (
    select path, size_bytes, mtime_ns
    from stamps
    semi join recorded using (path, size_bytes, mtime_ns)
)
select * from final
