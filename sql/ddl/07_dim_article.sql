-- the text of each article, kept out of the fact table so that scans of measures stay narrow
create table if not exists dim_article (
    article_key bigint primary key,
    content_sha256 varchar not null unique,
    title varchar,
    body varchar not null,
    language varchar,
    ner_model varchar,
    first_path varchar not null,
    wire_credits varchar[]
);
