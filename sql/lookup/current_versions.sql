-- the current article loaded from each of the given inbox paths: a new content at one of
-- them is that article's next version
with files as (
    select * from raw_file
),
articles as (
    select * from fct_article
),
paths as (
    select * from stg_paths
),
final as (
    select
        files.path,
        articles.article_key,
        articles.first_version_key,
        articles.version,
        articles.story_key
    from files
    inner join articles using (article_key)
    semi join paths using (path)
    where files.outcome = 'loaded' and articles.is_current
)
select * from final
