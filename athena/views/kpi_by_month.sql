-- columns: month varchar, encounters bigint, infection_encounters bigint, infection_rate double, inpatient_discharges bigint, inpatient_deaths bigint, mortality_rate double, index_discharges bigint, readmissions_30d bigint, readmission_rate_30d double, avg_length_of_stay_days double, infection_rate_suppressed boolean, mortality_rate_suppressed boolean, readmission_rate_suppressed boolean, los_suppressed boolean, suppressed boolean
-- One row per month (UTC, 'YYYY-MM' of kpi_monthly): every region and facility together.
-- Counts are summed from kpi_monthly and every rate is recomputed from the sums (never an average of
-- rates); average LOS = sum(length_of_stay_days_sum) / sum(inpatient_discharges). A zero denominator
-- gives a null rate. Small cells as in kpi_monthly_published: a rate whose denominator is 1..10 is null,
-- flagged, and its numerator nulled too. The threshold 11 is written once, in the settings CTE.

with

settings as (
    select 11 as min_cell_size
),

gold as (
    select * from kpi_monthly
),

summed as (
    select
        month,
        sum(encounters) as encounters,
        sum(infection_encounters) as infection_encounters,
        sum(inpatient_discharges) as inpatient_discharges,
        sum(inpatient_deaths) as inpatient_deaths,
        sum(index_discharges) as index_discharges,
        sum(readmissions_30d) as readmissions_30d,
        sum(length_of_stay_days_sum) as length_of_stay_days_sum
    from gold
    group by month
),

rates as (
    select
        summed.*,
        cast(infection_encounters as double) / nullif(encounters, 0) as infection_rate,
        cast(inpatient_deaths as double) / nullif(inpatient_discharges, 0) as mortality_rate,
        cast(readmissions_30d as double) / nullif(index_discharges, 0) as readmission_rate_30d,
        length_of_stay_days_sum / nullif(inpatient_discharges, 0) as avg_length_of_stay_days,
        coalesce(encounters between 1 and settings.min_cell_size - 1, false) as infection_rate_suppressed,
        coalesce(inpatient_discharges between 1 and settings.min_cell_size - 1, false) as mortality_rate_suppressed,
        coalesce(index_discharges between 1 and settings.min_cell_size - 1, false) as readmission_rate_suppressed,
        coalesce(inpatient_discharges between 1 and settings.min_cell_size - 1, false) as los_suppressed
    from summed
    cross join settings
),

final as (
    select
        month,
        encounters,
        if(infection_rate_suppressed, null, infection_encounters) as infection_encounters,
        if(infection_rate_suppressed, null, infection_rate) as infection_rate,
        inpatient_discharges,
        if(mortality_rate_suppressed, null, inpatient_deaths) as inpatient_deaths,
        if(mortality_rate_suppressed, null, mortality_rate) as mortality_rate,
        if(mortality_rate_suppressed, null, index_discharges) as index_discharges,
        if(mortality_rate_suppressed or readmission_rate_suppressed, null, readmissions_30d) as readmissions_30d,
        if(mortality_rate_suppressed or readmission_rate_suppressed, null, readmission_rate_30d) as readmission_rate_30d,
        if(los_suppressed, null, avg_length_of_stay_days) as avg_length_of_stay_days,
        infection_rate_suppressed,
        mortality_rate_suppressed,
        readmission_rate_suppressed,
        los_suppressed,
        infection_rate_suppressed or mortality_rate_suppressed or readmission_rate_suppressed or los_suppressed as suppressed
    from rates
)

select * from final
