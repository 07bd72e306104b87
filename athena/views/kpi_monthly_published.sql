-- columns: month varchar, region varchar, facility_id varchar, encounters bigint, infection_encounters bigint, infection_rate double, inpatient_discharges bigint, inpatient_deaths bigint, mortality_rate double, index_discharges bigint, readmissions_30d bigint, readmission_rate_30d double, avg_length_of_stay_days double, infection_rate_suppressed boolean, mortality_rate_suppressed boolean, readmission_rate_suppressed boolean, los_suppressed boolean, suppressed boolean
-- kpi_monthly as published: one row per gold row (month, region, facility_id), small cells suppressed.
-- Rule of eleven (KPIS.md): a rate whose denominator is 1..10 is null and flagged; so is its numerator,
-- which would give the rate back. index_discharges = inpatient_discharges - inpatient_deaths, so it is
-- nulled with the deaths. A zero denominator leaves the rate null and is not a suppression.
-- The threshold 11 is written once, in the settings CTE.

with

settings as (
    select 11 as min_cell_size
),

gold as (
    select
        month,
        region,
        facility_id,
        encounters,
        infection_encounters,
        infection_rate,
        inpatient_discharges,
        inpatient_deaths,
        mortality_rate,
        index_discharges,
        readmissions_30d,
        readmission_rate_30d,
        avg_length_of_stay_days
    from kpi_monthly
),

flagged as (
    select
        gold.*,
        coalesce(gold.encounters between 1 and settings.min_cell_size - 1, false) as infection_rate_suppressed,
        coalesce(gold.inpatient_discharges between 1 and settings.min_cell_size - 1, false) as mortality_rate_suppressed,
        coalesce(gold.index_discharges between 1 and settings.min_cell_size - 1, false) as readmission_rate_suppressed,
        coalesce(gold.inpatient_discharges between 1 and settings.min_cell_size - 1, false) as los_suppressed
    from gold
    cross join settings
),

final as (
    select
        month,
        region,
        facility_id,
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
    from flagged
)

select * from final
