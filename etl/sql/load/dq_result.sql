-- expectation results of this run's audit.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into dq_result by name
with staged as (
    select * from stg_dq_result
),
final as (
    select staged.*
    from staged
    anti join dq_result using (run_id)
)
select * from final
