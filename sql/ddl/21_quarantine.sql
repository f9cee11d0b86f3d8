create table if not exists quarantine (
    path varchar not null,
    sha256 varchar not null,
    run_id varchar not null,
    stage varchar not null,
    reason varchar not null check (length(reason) > 0),
    payload blob,
    primary key (path, sha256)
);
