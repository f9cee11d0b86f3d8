-- per story, the figures each outlet reported for the same thing (amount kind and unit: USD,
-- fighters, percent, ...) side by side; outlets_disagree when two outlets' figures for it
-- have no value in common. Only things reported by at least two outlets.
create or replace view v_story_claims as
with amounts as (
    select * from fct_amount
),
articles as (
    select fct_article.article_key, fct_article.story_key, dim_article.first_path
    from fct_article
    inner join dim_article using (article_key)
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
        amounts.amount_kind,
        amounts.unit,
        -- articles of unknown outlets are told apart by their file
        case when sources.is_unknown then 'unknown: ' || articles.first_path
            else sources.outlet_name end as outlet,
        list(distinct amounts.value order by amounts.value) as outlet_values,
        arg_min(amounts.sentence, amounts.amount_number) as sentence
    from amounts
    inner join articles using (article_key)
    inner join sources on sources.source_key = amounts.source_key
    group by all
),
disagreements as (
    select
        one.story_key,
        one.amount_kind,
        one.unit,
        bool_or(not list_has_any(one.outlet_values, other.outlet_values)) as outlets_disagree
    from reported as one
    inner join reported as other
        on other.story_key = one.story_key
        and other.amount_kind = one.amount_kind
        and other.unit = one.unit
        and other.outlet > one.outlet
    group by all
),
final as (
    select
        reported.story_key,
        stories.representative_title,
        reported.amount_kind,
        reported.unit,
        count(*) as outlet_count,
        min(list_min(reported.outlet_values)) as min_value,
        max(list_max(reported.outlet_values)) as max_value,
        any_value(disagreements.outlets_disagree) as outlets_disagree,
        list(
            {'outlet': reported.outlet, 'values': reported.outlet_values,
             'sentence': reported.sentence}
            order by reported.outlet
        ) as reports
    from reported
    inner join stories using (story_key)
    inner join disagreements using (story_key, amount_kind, unit)
    group by all
)
select * from final
