-- one row per amount an article reports: money (ISO currency), counts (the thing counted) and
-- percentages, with the qualifier ("more than") and the sentence that states it.
create table if not exists fct_amount (
    article_key bigint not null,
    amount_number integer not null,
    source_key bigint not null,
    published_date_key integer,
    amount_kind varchar not null,
    amount_text varchar not null,
    value double not null,
    unit varchar not null,
    qualifier varchar,
    sentence varchar not null,
    subject_terms varchar[],
    primary key (article_key, amount_number)
);
