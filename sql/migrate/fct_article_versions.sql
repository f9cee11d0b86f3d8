-- articles loaded before versions existed are each a first, current version
update fct_article
set
    version = 1,
    first_version_key = article_key,
    is_current = true,
    valid_from = coalesce(
        (select started_at from etl_run where etl_run.run_id = fct_article.loaded_run_id),
        timestamp '1970-01-01'
    )
where is_current is null
