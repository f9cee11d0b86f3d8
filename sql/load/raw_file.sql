-- every file this run saw for the first time, with its outcome. A file retried by
-- `etl reprocess` replaces its quarantined outcome; any other outcome is final, so
-- publishing a batch twice changes nothing. A merge, not an upsert on conflict: a DuckLake
-- has no key constraint to conflict on.
merge into raw_file
using (
    with staged as (
        select * from stg_raw_file
    ),
    final as (
        select * from staged
    )
    select * from final
) as staged
on raw_file.path = staged.path and raw_file.sha256 = staged.sha256
when matched and raw_file.outcome = 'quarantined' then update set
    outcome = staged.outcome,
    reason = staged.reason,
    article_key = staged.article_key
when not matched then insert by name
