create table if not exists dim_author (
    author_key bigint primary key,
    author_name varchar not null
);
