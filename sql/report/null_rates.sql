with articles as (
    -- the current version of each article (older versions keep their rows)
    select * from fct_article where is_current
),
text as (
    select * from dim_article
),
sources as (
    select * from dim_source
),
sections as (
    select * from dim_section
),
joined as (
    select
        text.title is null as no_title,
        articles.published_date_key is null as no_published,
        sources.is_unknown as no_outlet,
        sections.is_unknown as no_section,
        articles.author_count = 0 as no_author,
        text.language is null as no_language,
        articles.entity_count = 0 as no_entities
    from articles
    inner join text using (article_key)
    inner join sources using (source_key)
    inner join sections using (section_key)
),
final as (
    unpivot (
        select
            avg(no_title::int) as title,
            avg(no_published::int) as published,
            avg(no_outlet::int) as outlet,
            avg(no_section::int) as section,
            avg(no_author::int) as authors,
            avg(no_language::int) as language,
            avg(no_entities::int) as entities
        from joined
    ) on columns(*) into name field value null_rate
)
select * from final
