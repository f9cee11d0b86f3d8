create or replace view v_boilerplate_by_outlet as
with blocks as (
    select * from fct_removed_block
),
articles as (
    -- the current version of each article (older versions keep their rows)
    select * from fct_article where is_current
),
sources as (
    select * from dim_source
),
final as (
    select
        sources.outlet_name,
        blocks.category,
        count(distinct blocks.article_key) as article_count,
        sum(blocks.block_count) as block_count,
        sum(blocks.char_count) as char_count
    from blocks
    inner join articles using (article_key)
    inner join sources using (source_key)
    group by all
)
select * from final
