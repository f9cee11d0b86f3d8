-- per story, the figures outlets reported about the same thing, side by side. Two figures
-- are about the same thing when they share the story, the kind and unit (USD, fighters,
-- percent, ...) and a subject word near the figure (fct_amount.subject_terms: "emergency
-- funding", "injured"); a share price and a market value in USD share none. outlets_disagree
-- when a figure of one outlet has no equal among another outlet's figures about the same
-- thing. Each article of an unknown outlet counts as an outlet of its own.
create or replace view v_story_claims as
with amounts as (
    select * from fct_amount
),
articles as (
    -- the current version of each article (older versions keep their rows)
    select * from fct_article where is_current
),
sources as (
    select * from dim_source
),
stories as (
    select * from dim_story
),
reported as (
    select
        articles.story_key,
        amounts.article_key,
        amounts.amount_number,
        amounts.amount_kind,
        amounts.unit,
        amounts.value,
        amounts.sentence,
        coalesce(amounts.subject_terms, []) as subject_terms,
        case when sources.is_unknown then 'article ' || amounts.article_key
            else sources.outlet_name end as outlet_id,
        case when sources.is_unknown then 'unknown outlet'
            else sources.outlet_name end as outlet
    from amounts
    inner join articles using (article_key)
    inner join sources on sources.source_key = amounts.source_key
),
compared as (
    -- each figure against the figures of each other outlet about the same thing
    select
        one.story_key,
        one.amount_kind,
        one.unit,
        one.article_key,
        one.amount_number,
        other.outlet_id as other_outlet_id,
        bool_or(one.value = other.value) as matched
    from reported as one
    inner join reported as other
        on other.story_key = one.story_key
        and other.amount_kind = one.amount_kind
        and other.unit = one.unit
        and other.outlet_id <> one.outlet_id
        and list_has_any(one.subject_terms, other.subject_terms)
    group by all
),
compared_figures as (
    select
        reported.*,
        bool_or(not compared.matched) as contradicted
    from reported
    inner join compared using (story_key, amount_kind, unit, article_key, amount_number)
    group by all
),
per_outlet as (
    select
        story_key,
        amount_kind,
        unit,
        outlet_id,
        any_value(outlet) as outlet,
        list(distinct value order by value) as outlet_values,
        arg_min(sentence, amount_number) as sentence,
        bool_or(contradicted) as contradicted
    from compared_figures
    group by all
),
final as (
    select
        per_outlet.story_key,
        stories.representative_title,
        per_outlet.amount_kind,
        per_outlet.unit,
        count(*) as outlet_count,
        min(list_min(per_outlet.outlet_values)) as min_value,
        max(list_max(per_outlet.outlet_values)) as max_value,
        bool_or(per_outlet.contradicted) as outlets_disagree,
        list(
            {'outlet': per_outlet.outlet, 'values': per_outlet.outlet_values,
             'sentence': per_outlet.sentence}
            order by per_outlet.outlet, per_outlet.outlet_id
        ) as reports
    from per_outlet
    inner join stories using (story_key)
    group by all
)
select * from final
