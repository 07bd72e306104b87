"""docs/kpis.md's measures as sums over encounter facts (lakehouse.gold.facts): kpi_monthly.

Grain: one row per (month, region, facility_id) with an encounter start or an inpatient discharge. Encounter
counts use the month of start_ts; discharge counts the month of end_ts (UTC).
"""

from __future__ import annotations

from datetime import datetime

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from lakehouse.gold.facts import DAY_MICROS, encounter_facts
from lakehouse.gold.value_set import InfectionValueSet

KEY = ["month", "region", "facility_id"]
COUNT_COLUMNS = [
    "encounters",
    "infection_encounters",
    "inpatient_discharges",
    "inpatient_deaths",
    "index_discharges",
    "readmissions_30d",
]
# Column order of docs/kpis.md's measure table; length_of_stay_days_sum lets aggregates average exactly.
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


def kpi_key(frame: DataFrame) -> DataFrame:
    """One string key per (month, region, facility_id); Hudi record keys cannot be null, facility_id can."""
    return frame.withColumn("kpi_key", F.concat_ws("|", "month", "region", F.coalesce("facility_id", F.lit(""))))


def start_keys(facts: DataFrame) -> DataFrame:
    """The (month, region, facility_id) each fact's encounter counts under."""
    return facts.where("counts_encounter").select(F.col("start_month").alias("month"), "region", "facility_id")


def end_keys(facts: DataFrame) -> DataFrame:
    """The (month, region, facility_id) each fact's discharge counts under."""
    return facts.where("is_discharge").select(F.col("end_month").alias("month"), "region", "facility_id")


def rate(numerator: str, denominator: str) -> Column:
    """numerator / denominator, null (never 0, never an error) when the denominator is 0."""
    return F.when(F.col(denominator) > 0, F.col(numerator) / F.col(denominator))


def kpi_rows(facts: DataFrame, computed_at: datetime) -> DataFrame:
    """Every measure of docs/kpis.md per key, from the facts of every encounter counting under that key."""
    by_start = (
        facts.where("counts_encounter")
        .groupBy(F.col("start_month").alias("month"), "region", "facility_id")
        .agg(F.count("*").alias("encounters"), F.sum(F.col("has_infection").cast("long")).alias("infection_encounters"))
    )
    dis = facts.where("is_discharge")
    by_end = dis.groupBy(F.col("end_month").alias("month"), "region", "facility_id").agg(
        F.count("*").alias("inpatient_discharges"),
        F.sum(F.col("is_death").cast("long")).alias("inpatient_deaths"),
        F.sum((~F.col("is_death")).cast("long")).alias("index_discharges"),
        F.sum((~F.col("is_death") & F.col("is_readmitted")).cast("long")).alias("readmissions_30d"),
        F.sum("length_of_stay_micros").alias("_los_micros"),
    )
    joined = by_start.alias("s").join(
        by_end.alias("e"),
        (F.col("s.month") == F.col("e.month"))
        & (F.col("s.region") == F.col("e.region"))
        & F.col("s.facility_id").eqNullSafe(F.col("e.facility_id")),
        "full_outer",
    )
    keys = [F.coalesce(f"s.{k}", f"e.{k}").alias(k) for k in KEY]
    counts = [F.coalesce(c, F.lit(0)).cast("long").alias(c) for c in COUNT_COLUMNS]
    los_sum = (F.col("e._los_micros") / F.lit(DAY_MICROS)).alias("length_of_stay_days_sum")
    result = joined.select(*keys, *counts, los_sum)
    return kpi_key(
        result.withColumn("infection_rate", rate("infection_encounters", "encounters"))
        .withColumn("mortality_rate", rate("inpatient_deaths", "inpatient_discharges"))
        .withColumn("readmission_rate_30d", rate("readmissions_30d", "index_discharges"))
        .withColumn("avg_length_of_stay_days", rate("length_of_stay_days_sum", "inpatient_discharges"))
        .select(*KPI_COLUMNS)
        .withColumn("computed_at", F.lit(computed_at).cast("timestamp"))
    )


def kpi_monthly(
    encounter: DataFrame,
    patient: DataFrame,
    condition_coding: DataFrame,
    value_set: InfectionValueSet,
    computed_at: datetime,
) -> DataFrame:
    """The gold table from silver frames in one go: one row per (month, region, facility_id)."""
    return kpi_rows(encounter_facts(encounter, patient, condition_coding, value_set), computed_at)
