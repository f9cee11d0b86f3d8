-- what failed, why, and its payload for reprocessing. A file that fails again when
-- retried keeps one row with its latest stage and reason.
merge into quarantine
using (
    with staged as (
        select * from stg_quarantine
    ),
    final as (
        select * from staged
    )
    select * from final
) as staged
on quarantine.path = staged.path and quarantine.sha256 = staged.sha256
when matched then update set
    run_id = staged.run_id,
    stage = staged.stage,
    reason = staged.reason
when not matched then insert by name
