-- which entities a story's articles mention, and in how many of them: how new articles
-- find the stories they may belong to.
create table if not exists bridge_story_entity (
    story_key bigint not null,
    entity_key bigint not null,
    article_count integer not null,
    primary key (story_key, entity_key)
);
