with files as (
    select * from raw_file where outcome = 'quarantined'
),
final as (
    select
        first_seen_run_id as run_id,
        split_part(reason, ':', 1) as reason_group,
        count(*) as file_count
    from files
    group by all
    order by file_count desc
)
select * from final
