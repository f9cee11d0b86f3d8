-- who is mentioned most, by how many outlets (the scale benchmark's analyst query)
with mentions as (
    select entity_key, source_key, mention_count from fct_entity_mention
),
entities as (
    select entity_key, canonical_name, entity_type from dim_entity
),
final as (
    select
        entities.canonical_name,
        entities.entity_type,
        count(distinct mentions.source_key) as outlets,
        sum(mentions.mention_count) as mentions
    from mentions
    inner join entities using (entity_key)
    group by all
    order by mentions desc
    limit 20
)
select * from final
