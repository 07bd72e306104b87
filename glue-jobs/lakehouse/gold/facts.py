"""Per-encounter facts (docs/kpis.md): each silver encounter with its patient's region and death, and the flags every
measure counts. One row per Encounter id; a KPI row is a sum over the facts of its key."""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from lakehouse.gold.tables import GROUP
from lakehouse.gold.value_set import InfectionValueSet, is_infection

INPATIENT_CLASSES = ("IMP", "ACUTE", "NONAC")
EXPIRED = "exp"
DAY_MICROS = 86_400_000_000
READMISSION_WINDOW_MICROS = 30 * DAY_MICROS
NO_PATIENT = "\u0000"  # the group of facts whose patient reference is missing


def group_of(patient_id: Column) -> Column:
    return F.coalesce(patient_id, F.lit(NO_PATIENT))


def micros(ts: Column) -> Column:
    """A timestamp as whole microseconds since the epoch: exact sums, whatever the order of addition."""
    return F.unix_micros(ts)


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


def enriched(encounter: DataFrame, patient: DataFrame, condition_coding: DataFrame, value_set) -> DataFrame:
    """Each encounter with its patient's region and deceased time, and its inpatient, infection and period flags."""
    infections = infection_encounter_ids(condition_coding, value_set)
    start, end = F.col("start_ts"), F.col("end_ts")
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
            # docs/kpis.md: an encounter that ends before it starts is left out of every measure.
            (start.isNull() | end.isNull() | (end >= start)).alias("is_valid_period"),
        )
    )


def encounter_facts(encounter: DataFrame, patient: DataFrame, condition_coding: DataFrame, value_set) -> DataFrame:
    """One row per encounter: the keys it counts under and what it counts as."""
    enc = enriched(encounter, patient, condition_coding, value_set).where("is_valid_period")
    started = F.col("start_ts").isNotNull()
    discharge = F.col("is_inpatient") & started & F.col("end_ts").isNotNull()
    window_end = F.col("end_ts") + F.expr("INTERVAL 1 DAY")
    died_in_window = (F.col("deceased_ts") >= F.col("start_ts")) & (F.col("deceased_ts") <= window_end)
    facts = (
        enc.withColumn("counts_encounter", started)
        .withColumn("is_discharge", discharge)
        .withColumn("is_death", discharge & (F.col("expired") | F.coalesce(died_in_window, F.lit(False))))
        .withColumn("start_month", F.date_format("start_ts", "yyyy-MM"))
        .withColumn("end_month", F.when(discharge, F.date_format("end_ts", "yyyy-MM")))
        .withColumn("length_of_stay_micros", F.when(discharge, micros(F.col("end_ts")) - micros(F.col("start_ts"))))
    )
    return with_readmissions(facts).withColumn(GROUP, group_of(F.col("patient_id")))


def with_readmissions(facts: DataFrame) -> DataFrame:
    """is_readmitted: a discharge that is not a death, followed by another inpatient encounter of the same
    patient starting 0 < gap <= 30 days after it ends (any cause, any facility)."""
    nxt = facts.where(F.col("is_inpatient") & F.col("start_ts").isNotNull()).select(
        F.col("patient_id").alias("n_patient"), F.col("id").alias("n_id"), micros(F.col("start_ts")).alias("n_start")
    )
    gap = F.col("n_start") - micros(F.col("end_ts"))
    index = facts.where(F.col("is_discharge") & ~F.col("is_death"))
    readmitted = (
        index.join(
            nxt,
            (F.col("patient_id") == F.col("n_patient"))
            & (F.col("id") != F.col("n_id"))
            & (gap > 0)
            & (gap <= READMISSION_WINDOW_MICROS),
        )
        .select("id")
        .distinct()
        .withColumn("is_readmitted", F.lit(True))
    )
    flagged = facts.join(readmitted, "id", "left")
    return flagged.withColumn("is_readmitted", F.coalesce("is_readmitted", F.lit(False)))
