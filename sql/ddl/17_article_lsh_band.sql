-- MinHash LSH buckets of each article's text (etl/stories.py): articles sharing a
-- (band, bucket) are near-duplicate candidates.
-- No primary key: DuckDB holds a primary key's index in memory, and with 32 random
-- (band, bucket) keys an article every load touches all of it; at about 500,000 articles
-- (16 million rows) the index alone outgrew the 1 GB memory cap. The load inserts only keys
-- not present (load/insert_new.sql) and the warehouse checks hold the key unique
-- (check/unique_key.sql, for every table whose key no constraint enforces).
create table if not exists article_lsh_band (
    band smallint not null,
    bucket bigint not null,
    article_key bigint not null
);
