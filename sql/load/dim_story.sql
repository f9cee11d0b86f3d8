-- the stories this batch touched, recomputed from all their articles: the earliest dated
-- article's title represents the story.
merge into dim_story
using (
    with touched as (
        select distinct story_key from stg_dim_story
    ),
    articles as (
        select
            fct_article.story_key,
            fct_article.article_key,
            fct_article.source_key,
            fct_article.published_date_key,
            dim_article.title
        from fct_article
        inner join dim_article using (article_key)
        semi join touched using (story_key)
        where fct_article.is_current  -- an edited article counts once, as its latest version
    ),
    final as (
        select
            story_key,
            arg_min(title, (coalesce(published_date_key, 99999999), article_key))
                as representative_title,
            arg_min(article_key, (coalesce(published_date_key, 99999999), article_key))
                as first_article_key,
            min(published_date_key) as first_published_date_key,
            max(published_date_key) as last_published_date_key,
            count(*) as article_count,
            count(distinct source_key) as outlet_count
        from articles
        group by story_key
    )
    select * from final
) as recomputed
on dim_story.story_key = recomputed.story_key
when matched then update set
    representative_title = recomputed.representative_title,
    first_article_key = recomputed.first_article_key,
    first_published_date_key = recomputed.first_published_date_key,
    last_published_date_key = recomputed.last_published_date_key,
    article_count = recomputed.article_count,
    outlet_count = recomputed.outlet_count
when not matched then insert by name
