-- the forms each loaded file's article writes its entities in, with the entity's type after
-- resolution: what the warehouse stores per article (`etl bench entities` scores it)
with files as (
    select * from raw_file
),
mentions as (
    select * from fct_entity_mention
),
entities as (
    select * from dim_entity
),
forms as (
    select
        files.path,
        entities.entity_key,
        entities.entity_type,
        unnest(mentions.surface_forms) as surface_form
    from files
    inner join mentions using (article_key)
    inner join entities using (entity_key)
    where files.outcome = 'loaded'
),
final as (
    select * from forms
)
select * from final
order by path, entity_key, surface_form
