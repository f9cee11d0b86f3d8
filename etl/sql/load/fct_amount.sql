-- amounts per article, numbered in reading order.
-- only keys not already present are inserted, so publishing a batch twice changes nothing.
insert into fct_amount by name
with staged as (
    select * from stg_fct_amount
),
final as (
    select staged.*
    from staged
    anti join fct_amount using (article_key, amount_number)
)
select * from final
