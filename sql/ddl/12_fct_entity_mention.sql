-- one row per (article, canonical entity)
create table if not exists fct_entity_mention (
    article_key bigint not null,
    entity_key bigint not null,
    source_key bigint not null,
    published_date_key integer,
    ingested_date_key integer not null,
    mention_count integer not null,
    surface_forms varchar[],
    primary key (article_key, entity_key)
);
