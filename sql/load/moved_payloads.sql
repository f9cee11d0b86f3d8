-- payloads moved out of the table to the payload store: the row keeps their hash and size
update quarantine
set
    payload_sha256 = staged.payload_sha256,
    payload_bytes = staged.payload_bytes,
    payload = null
from stg_moved_payloads as staged
where quarantine.path = staged.path
    and quarantine.sha256 = staged.sha256
