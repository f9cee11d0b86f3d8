-- stories that mention any of a batch's entities (stg_story_entities), with their dates.
with wanted as (
    select distinct entity_key from stg_story_entities
),
links as (
    select bridge_story_entity.*
    from bridge_story_entity
    semi join wanted using (entity_key)
),
final as (
    select
        links.story_key,
        links.entity_key,
        dim_story.first_published_date_key,
        dim_story.last_published_date_key
    from links
    inner join dim_story using (story_key)
    order by links.story_key, links.entity_key
)
select * from final
