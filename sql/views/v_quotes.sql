-- who said what, where and when: one row per quotation, speaker by canonical name.
create or replace view v_quotes as
with current_articles as (
    select article_key from fct_article where is_current
),
quotes as (
    -- those of the current version of each article
    select * from fct_quote semi join current_articles using (article_key)
),
speakers as (
    select * from dim_entity
),
sources as (
    select * from dim_source
),
articles as (
    select * from dim_article
),
final as (
    select
        quotes.published_date_key as date_key,
        sources.outlet_name,
        articles.title,
        speakers.canonical_name as speaker,
        speakers.entity_type as speaker_type,
        quotes.speaker_found_by,
        quotes.quote_text,
        quotes.word_count,
        quotes.article_key,
        quotes.quote_number
    from quotes
    inner join sources using (source_key)
    inner join articles using (article_key)
    left join speakers on speakers.entity_key = quotes.speaker_entity_key
)
select * from final
