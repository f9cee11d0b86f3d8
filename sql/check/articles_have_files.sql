-- articles no recorded file accounts for
with articles as (
    select article_key from fct_article
),
final as (
    select count(*) as violations
    from articles
    anti join raw_file using (article_key)
)
select * from final
