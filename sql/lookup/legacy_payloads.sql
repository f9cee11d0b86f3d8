-- payloads a warehouse from before the payload store still keeps in quarantine.payload
with quarantined as (
    select * from quarantine
),
final as (
    select path, sha256, payload
    from quarantined
    where payload is not null
)
select * from final
