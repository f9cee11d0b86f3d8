-- who wrote each published article.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into bridge_article_author by name
with staged as (
    select * from stg_bridge_article_author
),
final as (
    select staged.*
    from staged
    anti join bridge_article_author using (article_key, author_key)
)
select * from final
