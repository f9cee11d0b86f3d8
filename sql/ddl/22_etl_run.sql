create table if not exists etl_run (
    run_id varchar primary key,
    status varchar not null,
    started_at timestamp not null,
    finished_at timestamp not null,
    files_seen integer not null,
    loaded integer not null,
    duplicates integer not null,
    quarantined integer not null,
    blocked_by varchar,
    stage_seconds json
);
