-- (DuckLake) how many snapshots the lake keeps, and its data and delete files
with snapshots as (
    select count(*) as snapshots
    from ducklake_snapshots($lake)
),

files as (
    select
        coalesce(sum(file_count), 0) as data_files,
        coalesce(sum(file_size_bytes), 0) as data_bytes,
        coalesce(sum(delete_file_count), 0) as delete_files
    from ducklake_table_info($lake)
),

final as (
    select
        snapshots.snapshots,
        files.data_files,
        files.data_bytes,
        files.delete_files
    from snapshots
    cross join files
)

select * from final
