-- for candidate entities (stg_entity_candidates), the entities mentioned in the same articles.
with candidates as (
    select distinct entity_key from stg_entity_candidates
),
candidate_articles as (
    select fct_entity_mention.article_key, fct_entity_mention.entity_key
    from fct_entity_mention
    semi join candidates using (entity_key)
),
final as (
    select distinct
        candidate_articles.entity_key,
        other.entity_key as co_mentioned_key
    from candidate_articles
    join fct_entity_mention as other
        on other.article_key = candidate_articles.article_key
        and other.entity_key <> candidate_articles.entity_key
    order by 1, 2
)
select * from final
