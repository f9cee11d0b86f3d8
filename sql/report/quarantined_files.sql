with quarantined as (
    select * from quarantine
),
final as (
    select path, stage, reason, payload_bytes
    from quarantined
    where run_id = ?
    order by path
)
select * from final
