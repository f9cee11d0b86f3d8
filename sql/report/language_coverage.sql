-- current articles per language, and how many of them a spaCy model read for entities
-- (a language without a model gets none: dim_article.ner_model is null)
with articles as (
    select article_key from fct_article where is_current
),
texts as (
    select * from dim_article
),
final as (
    select
        coalesce(texts.language, 'und') as language,
        count(*) as article_count,
        count(texts.ner_model) as with_entities,
        coalesce(string_agg(distinct texts.ner_model, ', ' order by texts.ner_model), '') as models
    from articles
    inner join texts using (article_key)
    group by all
    order by article_count desc, language
)
select * from final
