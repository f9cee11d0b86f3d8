create or replace view v_entity_mentions_daily as
with current_articles as (
    select article_key from fct_article where is_current
),
mentions as (
    -- those of the current version of each article
    select * from fct_entity_mention semi join current_articles using (article_key)
),
entities as (
    select * from dim_entity
),
sources as (
    select * from dim_source
),
final as (
    select
        mentions.published_date_key as date_key,
        sources.outlet_name,
        entities.canonical_name,
        entities.entity_type,
        count(distinct mentions.article_key) as article_count,
        sum(mentions.mention_count) as mention_count
    from mentions
    inner join entities using (entity_key)
    inner join sources using (source_key)
    group by all
)
select * from final
