-- one row per quarantined file: why, and the hash and size of its payload, kept as a file
-- beside the warehouse for `etl reprocess` (etl.warehouse.payloads); released_run_id is set
-- when a reprocess run loads it after a fix.
create table if not exists quarantine (
    path varchar not null,
    sha256 varchar not null,
    run_id varchar not null,
    stage varchar not null,
    reason varchar not null check (length(reason) > 0),
    payload_sha256 varchar,
    payload_bytes bigint,
    released_run_id varchar,
    primary key (path, sha256)
);
