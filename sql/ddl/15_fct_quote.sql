-- one row per direct quotation; speaker_entity_key is null when the attribution names no one.
create table if not exists fct_quote (
    article_key bigint not null,
    quote_number integer not null,
    source_key bigint not null,
    published_date_key integer,
    speaker_entity_key bigint,
    speaker_name varchar,
    speaker_found_by varchar,
    quote_text varchar not null,
    word_count integer not null,
    primary key (article_key, quote_number)
);
