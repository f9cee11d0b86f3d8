with runs as (
    select * from etl_run
),
final as (
    select
        run_id, status, started_at, finished_at, files_seen, loaded, duplicates, quarantined,
        blocked_by, stage_seconds
    from runs
    order by started_at, run_id
)
select * from final
