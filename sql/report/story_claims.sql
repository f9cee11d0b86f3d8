-- figures reported by several outlets for one story, disagreements first.
with claims as (
    select * from v_story_claims
),
final as (
    select
        representative_title,
        amount_kind,
        unit,
        outlet_count,
        outlets_disagree,
        reports
    from claims
    order by outlets_disagree desc, outlet_count desc, representative_title, unit
)
select * from final
