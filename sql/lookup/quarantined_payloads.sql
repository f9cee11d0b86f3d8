-- files still quarantined whose payload was kept (in the payload store), optionally only those whose reason starts
-- with a given prefix ($1 null for all): what `etl reprocess` retries.
with quarantined as (
    select * from quarantine
),
files as (
    select * from raw_file
),
final as (
    select
        quarantined.path, quarantined.sha256, quarantined.reason, quarantined.payload_sha256,
        files.mtime_ns
    from quarantined
    inner join files using (path, sha256)
    where files.outcome = 'quarantined'
        and quarantined.payload_sha256 is not null
        and ($1 is null or starts_with(quarantined.reason, $1))
    order by quarantined.path
)
select * from final
