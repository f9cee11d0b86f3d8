create table if not exists dq_result (
    run_id varchar not null,
    expectation varchar not null,
    column_name varchar,
    severity varchar not null,
    success boolean not null,
    element_count integer,
    unexpected_count integer,
    unexpected_percent double,
    observed_value varchar
);
