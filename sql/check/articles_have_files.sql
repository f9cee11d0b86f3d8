-- articles no recorded file accounts for; {scope} limits the articles checked to those a run
-- loaded (empty: every article)
with articles as (
    select article_key from fct_article {scope}
),
final as (
    select count(*) as violations
    from articles
    anti join raw_file using (article_key)
)
select * from final
