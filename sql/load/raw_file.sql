-- every file this run saw for the first time, with its outcome.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into raw_file by name
with staged as (
    select * from stg_raw_file
),
final as (
    select staged.*
    from staged
    anti join raw_file using (path, sha256)
)
select * from final
