-- what failed, why, and its payload for reprocessing. A file that fails again when
-- retried keeps one row with its latest stage and reason.
insert into quarantine by name
with staged as (
    select * from stg_quarantine
),
final as (
    select * from staged
)
select * from final
on conflict (path, sha256) do update set
    run_id = excluded.run_id,
    stage = excluded.stage,
    reason = excluded.reason
