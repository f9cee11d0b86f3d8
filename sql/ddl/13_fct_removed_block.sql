-- boilerplate removed from each article, by category, so it can be measured per outlet
create table if not exists fct_removed_block (
    article_key bigint not null,
    category varchar not null,
    block_count integer not null,
    char_count integer not null,
    primary key (article_key, category)
);
