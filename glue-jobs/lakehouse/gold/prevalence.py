"""Condition prevalence (docs/kpis.md, "Condition prevalence"): per year, region and condition code, the patients the
network served that year, those with the condition active, and the new cases.

Condition facts: one row per Condition id with its chosen code, onset and abatement, and whether it counts.
"""

from __future__ import annotations

from datetime import datetime

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from lakehouse.contracts import contract
from lakehouse.gold.facts import group_of
from lakehouse.gold.kpi import rate

# The code choice and the left-out verification statuses, shared with the TypeScript engine: data/prevalence_codes.json
_CODES = contract("prevalence_codes")
PREFERRED_SYSTEMS: list[str] = _CODES["preferredSystems"]
EXCLUDED_VERIFICATION: tuple[str, ...] = tuple(_CODES["excludedVerificationStatuses"])
KEY = ["year", "region", "condition_system", "condition_code"]
PREVALENCE_COLUMNS = [
    *KEY,
    "condition_display",
    "population",
    "patients_with_condition",
    "new_cases",
    "prevalence",
    "incidence",
]


def chosen_codings(condition_coding: DataFrame) -> DataFrame:
    """One row per condition id: the coding docs/kpis.md picks (system preference, then position)."""
    coded = condition_coding.where(F.col("code").isNotNull() & (F.trim("code") != ""))
    rank = F.lit(len(PREFERRED_SYSTEMS))
    for position, system in reversed(list(enumerate(PREFERRED_SYSTEMS))):
        rank = F.when(F.col("system") == system, F.lit(position)).otherwise(rank)
    order = Window.partitionBy("condition_id").orderBy(rank, F.col("coding_index"))
    return (
        coded.withColumn("_rank", F.row_number().over(order))
        .where("_rank = 1")
        .select("condition_id", F.coalesce("system", F.lit("")).alias("system"), "code", "display")
    )


def condition_facts(condition: DataFrame, condition_coding: DataFrame, patient: DataFrame) -> DataFrame:
    """One row per Condition id: patient, encounter, chosen code, onset, abatement, and whether prevalence
    counts it (a code, not entered-in-error or refuted, a known Patient subject, an onset)."""
    codes = chosen_codings(condition_coding)
    known = patient.select(F.col("id").alias("patient_id"), F.lit(True).alias("_known"))
    onset = F.coalesce("onset_datetime", "onset_period_start", "recorded_date")
    abatement = F.coalesce("abatement_datetime", "abatement_period_end")
    facts = (
        condition.join(codes, condition["id"] == codes["condition_id"], "left")
        .join(known, "patient_id", "left")
        .select(
            condition["id"],
            "patient_id",
            "encounter_id",
            "system",
            "code",
            "display",
            onset.alias("onset_ts"),
            abatement.alias("abatement_ts"),
            (
                F.col("code").isNotNull()
                & ~F.coalesce(F.col("verification_status").isin(*EXCLUDED_VERIFICATION), F.lit(False))
                & F.coalesce("_known", F.lit(False))
                & onset.isNotNull()
            ).alias("is_counted"),
        )
    )
    return facts.withColumn("patient_group", group_of(F.col("patient_id")))


def population(encounter_facts: DataFrame) -> DataFrame:
    """(patient_id, year, region): the patients with an encounter starting in the year, in their region."""
    served = encounter_facts.where(F.col("counts_encounter") & F.col("patient_id").isNotNull())
    return served.select("patient_id", F.date_format("start_ts", "yyyy").alias("year"), "region").distinct()


def displays(condition_facts: DataFrame) -> DataFrame:
    """(system, code) -> the most common display of its counted Conditions (ties: the smallest string)."""
    counted = condition_facts.where(F.col("is_counted") & F.col("display").isNotNull())
    counts = counted.groupBy("system", "code", "display").count()
    order = Window.partitionBy("system", "code").orderBy(F.col("count").desc(), F.col("display"))
    best = counts.withColumn("_rank", F.row_number().over(order)).where("_rank = 1")
    return best.select("system", "code", F.col("display").alias("condition_display"))


def prevalence_rows(
    encounter_facts: DataFrame,
    condition_facts: DataFrame,
    computed_at: datetime,
    display_facts: DataFrame | None = None,
) -> DataFrame:
    """Every (year, region, system, code) with at least one patient with the condition active in the year.
    `display_facts`: the Condition facts displays are chosen from, when `condition_facts` is only a part."""
    served = population(encounter_facts)
    counted = condition_facts.where("is_counted")
    year_start = F.make_timestamp(F.col("year").cast("int"), F.lit(1), F.lit(1), F.lit(0), F.lit(0), F.lit(0))
    next_year = F.make_timestamp(F.col("year").cast("int") + 1, F.lit(1), F.lit(1), F.lit(0), F.lit(0), F.lit(0))
    active = served.join(counted.select("patient_id", "system", "code", "onset_ts", "abatement_ts"), "patient_id")
    active = active.where(
        (F.col("onset_ts") < next_year) & (F.col("abatement_ts").isNull() | (F.col("abatement_ts") >= year_start))
    )
    first_onset = counted.groupBy("patient_id", "system", "code").agg(
        F.date_format(F.min("onset_ts"), "yyyy").alias("_first_year")
    )
    cases = (
        active.select("patient_id", "year", "region", "system", "code")
        .distinct()
        .join(first_onset, ["patient_id", "system", "code"])
    )
    per_code = cases.groupBy("year", "region", "system", "code").agg(
        F.count("*").alias("patients_with_condition"),
        F.sum((F.col("_first_year") == F.col("year")).cast("long")).alias("new_cases"),
    )
    sizes = served.groupBy("year", "region").agg(F.count("*").alias("population"))
    rows = (
        per_code.join(sizes, ["year", "region"])
        .join(displays(condition_facts if display_facts is None else display_facts), ["system", "code"], "left")
        .withColumnRenamed("system", "condition_system")
        .withColumnRenamed("code", "condition_code")
        .withColumn("prevalence", rate("patients_with_condition", "population"))
        .withColumn("incidence", rate("new_cases", "population"))
    )
    return prevalence_key(rows.select(*PREVALENCE_COLUMNS)).withColumn(
        "computed_at", F.lit(computed_at).cast("timestamp")
    )


def prevalence_key(frame: DataFrame) -> DataFrame:
    return frame.withColumn("prevalence_key", F.concat_ws("|", *[F.coalesce(c, F.lit("")) for c in KEY]))
