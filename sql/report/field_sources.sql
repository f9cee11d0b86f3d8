-- where each article's header fields came from (json_ld, meta, visible_text, ...), per outlet
with articles as (
    -- the current version of each article (older versions keep their rows)
    select * from fct_article where is_current
),
sources as (
    select * from dim_source
),
provenance as (
    unpivot (
        select
            source_key, title_source as title, published_source as published,
            outlet_source as outlet, authors_source as authors
        from articles
    ) on title, published, outlet, authors into name field value source
),
final as (
    select
        sources.outlet_name,
        provenance.field,
        provenance.source,
        count(*) as article_count
    from provenance
    inner join sources using (source_key)
    group by all
    order by sources.outlet_name, provenance.field, article_count desc, provenance.source
)
select * from final
