-- every file this run saw for the first time, with its outcome. A file retried by
-- `etl reprocess` replaces its quarantined outcome; any other outcome is final, so
-- publishing a batch twice changes nothing.
insert into raw_file by name
with staged as (
    select * from stg_raw_file
),
final as (
    select * from staged
)
select * from final
on conflict (path, sha256) do update set
    outcome = excluded.outcome,
    reason = excluded.reason,
    article_key = excluded.article_key
where raw_file.outcome = 'quarantined'
