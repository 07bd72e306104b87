-- columns: min_cell_size bigint
-- internal: the one setting of the publication rules, read by kpi_rollup and condition_prevalence_published
-- Rule of eleven (docs/kpis.md): a count or a rate whose denominator is 1..min_cell_size - 1 is not published.
-- Written once here so every published view applies the same threshold, on Athena and locally alike.

with

final as (
    select cast(11 as bigint) as min_cell_size
)

select * from final
