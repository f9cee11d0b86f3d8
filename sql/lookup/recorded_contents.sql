-- for each file ingest read (stg_ingest_candidates: path, sha256), whether that content at
-- that path is recorded already, and whether that content is loaded as an article (under
-- any path): a file is processed once, and loaded content is not loaded twice.
with candidates as (
    select * from stg_ingest_candidates
),
files as (
    select * from raw_file
),
seen as (
    select distinct path, sha256
    from files
    semi join candidates using (path, sha256)
),
loaded as (
    select distinct sha256
    from files
    where outcome = 'loaded'
        and sha256 in (select sha256 from candidates)
),
final as (
    select
        candidates.path,
        candidates.sha256,
        seen.path is not null as seen,
        loaded.sha256 is not null as loaded
    from candidates
    left join seen using (path, sha256)
    left join loaded using (sha256)
)
select * from final
