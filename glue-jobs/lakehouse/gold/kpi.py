"""KPIS.md as DataFrame transforms: silver encounter, patient and condition codings in; kpi_monthly out.

Grain of kpi_monthly: one row per (month, region, facility_id) that has an encounter start or an inpatient
discharge. Encounter counts use the month of start_ts; discharge counts the month of end_ts (UTC).
"""

from __future__ import annotations

from datetime import datetime

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from lakehouse.gold.value_set import InfectionValueSet, is_infection

INPATIENT_CLASSES = ("IMP", "ACUTE", "NONAC")
EXPIRED = "exp"
DAY_SECONDS = 86400
READMISSION_WINDOW_SECONDS = 30 * DAY_SECONDS
KEY = ["month", "region", "facility_id"]
COUNT_COLUMNS = [
    "encounters",
    "infection_encounters",
    "inpatient_discharges",
    "inpatient_deaths",
    "index_discharges",
    "readmissions_30d",
]
# Column order of KPIS.md's measure table; length_of_stay_days_sum lets aggregates average exactly.
KPI_COLUMNS = [
    *KEY,
    "encounters",
    "infection_encounters",
    "infection_rate",
    "inpatient_discharges",
    "inpatient_deaths",
    "mortality_rate",
    "index_discharges",
    "readmissions_30d",
    "readmission_rate_30d",
    "avg_length_of_stay_days",
    "length_of_stay_days_sum",
]


def patient_region(patient: DataFrame) -> DataFrame:
    """One row per patient: region = country '/' state (either may be empty), 'unknown' when both are missing."""
    country = F.nullif(F.trim("country"), F.lit(""))
    state = F.nullif(F.trim("state"), F.lit(""))
    region = F.when(country.isNull() & state.isNull(), F.lit("unknown")).otherwise(
        F.concat(F.coalesce(country, F.lit("")), F.lit("/"), F.coalesce(state, F.lit("")))
    )
    return patient.select(
        F.col("id").alias("patient_id"), region.alias("region"), F.col("deceased_datetime").alias("deceased_ts")
    )


def infection_encounter_ids(condition_coding: DataFrame, value_set: InfectionValueSet) -> DataFrame:
    """Distinct encounter ids referenced by at least one condition coding in the infection value set."""
    hits = condition_coding.where(
        F.col("encounter_id").isNotNull() & is_infection(value_set, F.col("system"), F.col("code"))
    )
    return hits.select("encounter_id").distinct().withColumn("has_infection", F.lit(True))


def enriched_encounters(
    encounter: DataFrame, patient: DataFrame, condition_coding: DataFrame, value_set: InfectionValueSet
) -> DataFrame:
    """One row per encounter with its patient's region and deceased time, inpatient and infection flags."""
    infections = infection_encounter_ids(condition_coding, value_set)
    return (
        encounter.join(patient_region(patient), "patient_id", "left")
        .join(infections, encounter["id"] == infections["encounter_id"], "left")
        .select(
            encounter["id"],
            "patient_id",
            "start_ts",
            "end_ts",
            "facility_id",
            F.coalesce("region", F.lit("unknown")).alias("region"),
            "deceased_ts",
            F.coalesce("has_infection", F.lit(False)).alias("has_infection"),
            F.coalesce(F.col("class_code").isin(*INPATIENT_CLASSES), F.lit(False)).alias("is_inpatient"),
            F.coalesce(F.col("discharge_disposition") == EXPIRED, F.lit(False)).alias("expired"),
        )
    )


def encounter_counts(enc: DataFrame) -> DataFrame:
    """encounters and infection_encounters by the month of start_ts."""
    started = enc.where(F.col("start_ts").isNotNull()).withColumn("month", F.date_format("start_ts", "yyyy-MM"))
    return started.groupBy(*KEY).agg(
        F.count("*").alias("encounters"),
        F.sum(F.col("has_infection").cast("long")).alias("infection_encounters"),
    )


def _seconds(ts: Column) -> Column:
    return ts.cast("double")


def discharges(enc: DataFrame) -> DataFrame:
    """Inpatient encounters with an end_ts, flagged as deaths and as readmitted within 30 days."""
    inpatient = enc.where("is_inpatient")
    done = inpatient.where(F.col("end_ts").isNotNull())
    died_in_window = (F.col("deceased_ts") >= F.col("start_ts")) & (
        F.col("deceased_ts") <= F.col("end_ts") + F.expr("INTERVAL 1 DAY")
    )
    done = done.withColumn("is_death", F.col("expired") | F.coalesce(died_in_window, F.lit(False)))
    nxt = inpatient.where(F.col("start_ts").isNotNull()).select(
        F.col("patient_id").alias("n_patient"), F.col("id").alias("n_id"), F.col("start_ts").alias("n_start")
    )
    gap = _seconds(F.col("n_start")) - _seconds(F.col("end_ts"))
    readmitted = (
        done.where(~F.col("is_death"))
        .join(
            nxt,
            (F.col("patient_id") == F.col("n_patient"))
            & (F.col("id") != F.col("n_id"))
            & (gap > 0)
            & (gap <= READMISSION_WINDOW_SECONDS),
        )
        .select("id")
        .distinct()
        .withColumn("is_readmitted", F.lit(True))
    )
    los = (_seconds(F.col("end_ts")) - _seconds(F.col("start_ts"))) / DAY_SECONDS
    return (
        done.join(readmitted, "id", "left")
        .withColumn("is_readmitted", F.coalesce("is_readmitted", F.lit(False)))
        .withColumn("length_of_stay_days", los)
        .withColumn("month", F.date_format("end_ts", "yyyy-MM"))
    )


def discharge_counts(dis: DataFrame) -> DataFrame:
    """Mortality, readmission and length-of-stay counts by the month of end_ts."""
    return dis.groupBy(*KEY).agg(
        F.count("*").alias("inpatient_discharges"),
        F.sum(F.col("is_death").cast("long")).alias("inpatient_deaths"),
        F.sum((~F.col("is_death")).cast("long")).alias("index_discharges"),
        F.sum((~F.col("is_death") & F.col("is_readmitted")).cast("long")).alias("readmissions_30d"),
        F.sum("length_of_stay_days").alias("length_of_stay_days_sum"),
        F.avg("length_of_stay_days").alias("avg_length_of_stay_days"),
    )


def rate(numerator: str, denominator: str) -> Column:
    """numerator / denominator, null (never 0, never an error) when the denominator is 0."""
    return F.when(F.col(denominator) > 0, F.col(numerator) / F.col(denominator))


def kpi_monthly(
    encounter: DataFrame,
    patient: DataFrame,
    condition_coding: DataFrame,
    value_set: InfectionValueSet,
    computed_at: datetime,
) -> DataFrame:
    """The gold table: one row per (month, region, facility_id), every measure of KPIS.md."""
    enc = enriched_encounters(encounter, patient, condition_coding, value_set).cache()
    by_start, by_end = encounter_counts(enc), discharge_counts(discharges(enc))
    joined = by_start.alias("s").join(
        by_end.alias("e"),
        (F.col("s.month") == F.col("e.month"))
        & (F.col("s.region") == F.col("e.region"))
        & F.col("s.facility_id").eqNullSafe(F.col("e.facility_id")),
        "full_outer",
    )
    keys = [F.coalesce(f"s.{k}", f"e.{k}").alias(k) for k in KEY]
    counts = [F.coalesce(c, F.lit(0)).cast("long").alias(c) for c in COUNT_COLUMNS]
    result = joined.select(*keys, *counts, "e.length_of_stay_days_sum", "e.avg_length_of_stay_days")
    return (
        result.withColumn("infection_rate", rate("infection_encounters", "encounters"))
        .withColumn("mortality_rate", rate("inpatient_deaths", "inpatient_discharges"))
        .withColumn("readmission_rate_30d", rate("readmissions_30d", "index_discharges"))
        .select(*KPI_COLUMNS)
        .withColumn("computed_at", F.lit(computed_at).cast("timestamp"))
    )
