-- this run's audit and warehouse-check results, replacing what an earlier attempt of the same
-- run recorded (a publish that a warehouse check rolled back keeps its results until then).
delete from dq_result
where run_id in (select distinct run_id from stg_dq_result);

insert into dq_result by name
select * from stg_dq_result;
