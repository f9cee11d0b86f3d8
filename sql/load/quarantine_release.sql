-- quarantined files that a reprocess run loaded (or found to be duplicates) are released:
-- the row and its payload stay as the record of what happened, marked with that run.
update quarantine
set released_run_id = staged.released_run_id
from stg_quarantine_release as staged
where quarantine.path = staged.path
    and quarantine.sha256 = staged.sha256
