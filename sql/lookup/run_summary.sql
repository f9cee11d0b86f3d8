with runs as (
    select * from etl_run
),
final as (
    select run_id, status, files_seen, loaded, duplicates, quarantined, blocked_by
    from runs
    where run_id = ?
)
select * from final
