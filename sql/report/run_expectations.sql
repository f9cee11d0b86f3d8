with results as (
    select * from dq_result
),
final as (
    select expectation, column_name, severity, success, unexpected_count, unexpected_percent
    from results
    where run_id = ?
    order by success, severity, expectation, column_name
)
select * from final
