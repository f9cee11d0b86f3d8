-- what failed, why, and its payload for reprocessing.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into quarantine by name
with staged as (
    select * from stg_quarantine
),
final as (
    select staged.*
    from staged
    anti join quarantine using (path, sha256)
)
select * from final
