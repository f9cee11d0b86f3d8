create table if not exists fct_article (
    article_key bigint primary key,
    source_key bigint not null,
    section_key bigint not null,
    published_date_key integer,
    ingested_date_key integer not null,
    word_count integer not null,
    paragraph_count integer not null,
    boilerplate_ratio double not null,
    entity_count integer not null,
    author_count integer not null,
    removed_block_count integer not null,
    amount_count integer not null,
    quote_count integer not null,
    story_key bigint not null,
    near_duplicate_of_key bigint,
    near_duplicate_similarity double,
    loaded_run_id varchar not null
);
