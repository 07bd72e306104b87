-- columns: grain varchar, month varchar, quarter varchar, year varchar, region varchar, facility_id varchar, first_month varchar, last_month varchar, encounters bigint, infection_encounters bigint, infection_rate double, inpatient_discharges bigint, inpatient_deaths bigint, mortality_rate double, index_discharges bigint, readmissions_30d bigint, readmission_rate_30d double, avg_length_of_stay_days double, infection_rate_suppressed boolean, mortality_rate_suppressed boolean, readmission_rate_suppressed boolean, los_suppressed boolean, suppressed boolean
-- internal: the building block of the published views below; queryable, but no QuickSight data set of its own
-- Every published grain of kpi_monthly in one pass, rates and small-cell suppression written once here;
-- the other views select one grain from it. grain: 'cell' (month, region, facility_id: one gold row),
-- 'month', 'quarter', 'year' (all regions and facilities), 'month_region', 'quarter_region', 'year_region'
-- (one region, all its facilities), 'region' (all months and facilities), 'facility' (region, facility_id over
-- all months), 'total' (everything; no row when kpi_monthly is empty). Columns a grain does not group by are
-- null. quarter is 'YYYY-Qn', year 'YYYY', both from month ('YYYY-MM', UTC).
-- Counts are summed from kpi_monthly and every rate is recomputed from the sums (never an average of
-- rates); average LOS = sum(length_of_stay_days_sum) / sum(inpatient_discharges). A zero denominator gives
-- a null rate, not a suppression. Rule of eleven (KPIS.md): a rate whose denominator is 1..10 is null and
-- flagged, and so is its numerator, which would give the rate back. index_discharges = inpatient_discharges
-- - inpatient_deaths, so it is nulled with the deaths, and readmissions with it. The threshold is read
-- from publication_settings, which every published view shares.

with

settings as (
    select min_cell_size from publication_settings
),

periods as (
    select
        kpi_monthly.*,
        substr(month, 1, 4) as year,
        substr(month, 1, 4) || '-Q' || case
            when substr(month, 6, 2) in ('01', '02', '03') then '1'
            when substr(month, 6, 2) in ('04', '05', '06') then '2'
            when substr(month, 6, 2) in ('07', '08', '09') then '3'
            else '4'
        end as quarter
    from kpi_monthly
),

summed as (
    select
        case
            when grouping(facility_id) = 0 and grouping(month) = 0 then 'cell'
            when grouping(facility_id) = 0 then 'facility'
            when grouping(month) = 0 and grouping(region) = 0 then 'month_region'
            when grouping(quarter) = 0 and grouping(region) = 0 then 'quarter_region'
            when grouping(year) = 0 and grouping(region) = 0 then 'year_region'
            when grouping(month) = 0 then 'month'
            when grouping(quarter) = 0 then 'quarter'
            when grouping(year) = 0 then 'year'
            when grouping(region) = 0 then 'region'
            else 'total'
        end as grain,
        month,
        quarter,
        year,
        region,
        facility_id,
        min(month) as first_month,
        max(month) as last_month,
        sum(encounters) as encounters,
        sum(infection_encounters) as infection_encounters,
        sum(inpatient_discharges) as inpatient_discharges,
        sum(inpatient_deaths) as inpatient_deaths,
        sum(index_discharges) as index_discharges,
        sum(readmissions_30d) as readmissions_30d,
        sum(length_of_stay_days_sum) as length_of_stay_days_sum
    from periods
    group by grouping sets (
        (month, region, facility_id),
        (region, facility_id),
        (month, region),
        (quarter, region),
        (year, region),
        (month),
        (quarter),
        (year),
        (region),
        ()
    )
    -- the empty grouping set gives one all-null row over no input; publish none instead
    having count(*) > 0
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
        grain,
        month,
        quarter,
        year,
        region,
        facility_id,
        first_month,
        last_month,
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
