-- MinHash LSH buckets of each article's text (etl/stories.py): articles sharing a
-- (band, bucket) are near-duplicate candidates.
create table if not exists article_lsh_band (
    band smallint not null,
    bucket bigint not null,
    article_key bigint not null,
    primary key (band, bucket, article_key)
);
