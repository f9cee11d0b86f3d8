-- every surface form an entity was written as
create table if not exists dim_entity_alias (
    entity_key bigint not null,
    alias varchar not null,
    primary key (entity_key, alias)
);
