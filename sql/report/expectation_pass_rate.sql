with results as (
    select * from dq_result
),
runs as (
    select run_id, started_at from etl_run
),
final as (
    select
        results.run_id,
        runs.started_at,
        results.severity,
        avg(case when results.success then 1.0 else 0.0 end) as pass_rate,
        count(*) as expectation_count
    from results
    inner join runs using (run_id)
    group by all
    order by runs.started_at
)
select * from final
