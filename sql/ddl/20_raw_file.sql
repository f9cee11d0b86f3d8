-- every file ever seen, once per (path, content)
create table if not exists raw_file (
    path varchar not null,
    sha256 varchar not null,
    size_bytes bigint not null,
    mtime_ns bigint,
    encoding varchar,
    outcome varchar not null check (outcome in ('loaded', 'duplicate', 'quarantined')),
    reason varchar,
    article_key bigint,
    first_seen_run_id varchar not null,
    primary key (path, sha256)
);
