-- one row per story: articles from any outlet about the same event (etl/stories.py).
-- Recomputed for the stories a batch touches; the key comes from the story's first article.
create table if not exists dim_story (
    story_key bigint primary key,
    representative_title varchar,
    first_article_key bigint not null,
    first_published_date_key integer,
    last_published_date_key integer,
    article_count integer not null,
    outlet_count integer not null
);
