-- the quotations each loaded file's article stores, in reading order, with the speaker's
-- canonical name: what `etl bench quotes` scores per article
with files as (
    select * from raw_file
),
quotes as (
    select * from fct_quote
),
final as (
    select files.path, quotes.quote_number, quotes.quote_text, quotes.speaker_name
    from files
    inner join quotes using (article_key)
    where files.outcome = 'loaded'
)
select * from final
order by path, quote_number
