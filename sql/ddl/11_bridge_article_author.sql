create table if not exists bridge_article_author (
    article_key bigint not null,
    author_key bigint not null,
    author_position smallint not null,
    primary key (article_key, author_key)
);
