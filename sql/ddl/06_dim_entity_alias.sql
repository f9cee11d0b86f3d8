-- every surface form an entity was written as; alias_normal and block_key are how later
-- articles find it (etl/resolve.py): exact normalised name, and candidates for near spellings.
create table if not exists dim_entity_alias (
    entity_key bigint not null,
    alias varchar not null,
    alias_normal varchar not null,
    block_key varchar not null,
    primary key (entity_key, alias)
);
