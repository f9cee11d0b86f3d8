create table if not exists dim_entity (
    entity_key bigint primary key,
    canonical_name varchar not null,
    entity_type varchar not null
);
