-- quotations per article, numbered in reading order.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into fct_quote by name
with staged as (
    select * from stg_fct_quote
),
final as (
    select staged.*
    from staged
    anti join fct_quote using (article_key, quote_number)
)
select * from final
