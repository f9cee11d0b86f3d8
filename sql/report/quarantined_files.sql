with quarantined as (
    select * from quarantine
),
final as (
    select path, stage, reason, octet_length(payload) as payload_bytes
    from quarantined
    where run_id = ?
    order by path
)
select * from final
