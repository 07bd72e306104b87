-- columns: region varchar, facility_id varchar, first_month varchar, last_month varchar, encounters bigint, infection_encounters bigint, infection_rate double, inpatient_discharges bigint, inpatient_deaths bigint, mortality_rate double, index_discharges bigint, readmissions_30d bigint, readmission_rate_30d double, avg_length_of_stay_days double, infection_rate_suppressed boolean, mortality_rate_suppressed boolean, readmission_rate_suppressed boolean, los_suppressed boolean, suppressed boolean
-- One row per facility (with its region) over all months: the dashboard's facility table.
-- Rates and small-cell suppression (rule of eleven) are computed once, in kpi_rollup; see there.

with

final as (
    select
        region,
        facility_id,
        first_month,
        last_month,
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
    where grain = 'facility'
)

select * from final
