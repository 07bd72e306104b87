-- columns: year varchar, region varchar, condition_system varchar, condition_code varchar, condition_display varchar, population bigint, patients_with_condition bigint, new_cases bigint, prevalence double, incidence double, counts_suppressed boolean, rates_suppressed boolean
-- condition_prevalence as published: one row per gold row (year, region, condition_system, condition_code).
-- Small cells (docs/kpis.md, "Condition prevalence"): when patients_with_condition is 1..10, both counts and
-- both rates are null (a few people with a rare illness in one region can be recognised); when population is
-- 1..10, both rates are null. population stays published. Gold rows all have patients_with_condition > 0.

with

settings as (
    select min_cell_size from publication_settings
),

flagged as (
    select
        condition_prevalence.*,
        coalesce(patients_with_condition between 1 and settings.min_cell_size - 1, false) as counts_suppressed,
        coalesce(
            patients_with_condition between 1 and settings.min_cell_size - 1
            or population between 1 and settings.min_cell_size - 1,
            false
        ) as rates_suppressed
    from condition_prevalence
    cross join settings
),

final as (
    select
        year,
        region,
        condition_system,
        condition_code,
        condition_display,
        population,
        if(counts_suppressed, null, patients_with_condition) as patients_with_condition,
        if(counts_suppressed, null, new_cases) as new_cases,
        if(rates_suppressed, null, prevalence) as prevalence,
        if(rates_suppressed, null, incidence) as incidence,
        counts_suppressed,
        rates_suppressed
    from flagged
)

select * from final
