-- entity counts per story: this batch's articles (staged once per story and entity) add to
-- what earlier batches recorded. A published batch is never published again (etl_run), so
-- the addition happens once.
merge into bridge_story_entity
using (
    with staged as (
        select * from stg_bridge_story_entity
    ),
    final as (
        select * from staged
    )
    select * from final
) as staged
on bridge_story_entity.story_key = staged.story_key
    and bridge_story_entity.entity_key = staged.entity_key
when matched then update set
    article_count = bridge_story_entity.article_count + staged.article_count
when not matched then insert by name
