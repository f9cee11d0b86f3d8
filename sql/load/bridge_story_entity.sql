-- entity counts per story: this batch's articles (staged once per story and entity) add to
-- what earlier batches recorded. A published batch is never published again (etl_run), so
-- the addition happens once.
insert into bridge_story_entity by name
with staged as (
    select * from stg_bridge_story_entity
),
final as (
    select * from staged
)
select * from final
on conflict (story_key, entity_key) do update set
    article_count = bridge_story_entity.article_count + excluded.article_count
