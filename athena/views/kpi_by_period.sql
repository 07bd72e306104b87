-- columns: period_grain varchar, period varchar, all_regions boolean, region varchar, encounters bigint, infection_encounters bigint, infection_rate double, inpatient_discharges bigint, inpatient_deaths bigint, mortality_rate double, index_discharges bigint, readmissions_30d bigint, readmission_rate_30d double, avg_length_of_stay_days double, infection_rate_suppressed boolean, mortality_rate_suppressed boolean, readmission_rate_suppressed boolean, los_suppressed boolean, suppressed boolean
-- One row per period at each time grain (period_grain 'month': 'YYYY-MM', 'quarter': 'YYYY-Qn', 'year':
-- 'YYYY'), over all regions (all_regions true, region null) and per region (all_regions false; region as
-- gold has it, null included): what the dashboard's grain switch and region filter show. Every row is summed
-- from kpi_monthly, never from suppressed cells, so a quarter keeps the counts its months withhold. Rates and
-- small-cell suppression (rule of eleven) are computed once, in kpi_rollup; see there.

with

final as (
    select
        case
            when grain in ('month', 'month_region') then 'month'
            when grain in ('quarter', 'quarter_region') then 'quarter'
            else 'year'
        end as period_grain,
        coalesce(month, quarter, year) as period,
        grain in ('month', 'quarter', 'year') as all_regions,
        region,
        encounters,
        infection_encounters,
        infection_rate,
        inpatient_discharges,
        inpatient_deaths,
        mortality_rate,
        index_discharges,
        readmissions_30d,
        readmission_rate_30d,
        avg_length_of_stay_days,
        infection_rate_suppressed,
        mortality_rate_suppressed,
        readmission_rate_suppressed,
        los_suppressed,
        suppressed
    from kpi_rollup
    where grain in ('month', 'quarter', 'year', 'month_region', 'quarter_region', 'year_region')
)

select * from final
