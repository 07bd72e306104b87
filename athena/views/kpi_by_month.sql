-- columns: month varchar, encounters bigint, infection_encounters bigint, infection_rate double, inpatient_discharges bigint, inpatient_deaths bigint, mortality_rate double, index_discharges bigint, readmissions_30d bigint, readmission_rate_30d double, avg_length_of_stay_days double, infection_rate_suppressed boolean, mortality_rate_suppressed boolean, readmission_rate_suppressed boolean, los_suppressed boolean, suppressed boolean
-- One row per month (UTC, 'YYYY-MM' of kpi_monthly): every region and facility together.
-- Rates and small-cell suppression (rule of eleven) are computed once, in kpi_rollup; see there.

with

final as (
    select
        month,
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
    where grain = 'month'
)

select * from final
