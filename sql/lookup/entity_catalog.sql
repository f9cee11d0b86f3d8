-- known aliases in the blocks a batch's names fall in (registered as stg_entity_blocks).
with wanted as (
    select distinct block_key from stg_entity_blocks
),
aliases as (
    select dim_entity_alias.*
    from dim_entity_alias
    semi join wanted using (block_key)
),
final as (
    select
        aliases.entity_key,
        dim_entity.canonical_name,
        dim_entity.entity_type,
        aliases.alias
    from aliases
    join dim_entity using (entity_key)
    order by aliases.entity_key, aliases.alias
)
select * from final
