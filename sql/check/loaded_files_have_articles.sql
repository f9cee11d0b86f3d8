-- files recorded as loaded or as a duplicate whose article is not in the warehouse; {scope}
-- limits the files checked to those a run recorded (empty: every file)
with files as (
    select article_key from raw_file {scope} where outcome in ('loaded', 'duplicate')
),
final as (
    select count(*) as violations
    from files
    anti join fct_article using (article_key)
)
select * from final
