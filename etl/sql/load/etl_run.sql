-- this run's counts and timings.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into etl_run by name
with staged as (
    select * from stg_etl_run
),
final as (
    select staged.*
    from staged
    anti join etl_run using (run_id)
)
select * from final
