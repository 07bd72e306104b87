"""An incremental gold run: the patients touched since the checkpoint, their facts recomputed, and only the KPI
and prevalence keys their old or new facts count under rewritten.

Touched patients: those of every Patient, Encounter and Condition whose winner changed in resource_latest,
through their current silver rows and their previous facts (an encounter or condition that moved to another
patient, or was deleted, touches both). A KPI row depends only on facts of its key, and a fact only on its
patient's records (readmissions and deaths stay within a patient), so this recomputes exactly what changed.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from lakehouse.frames import materialized
from lakehouse.gold.facts import encounter_facts, group_of
from lakehouse.gold.kpi import KEY, end_keys, kpi_key, kpi_rows, start_keys
from lakehouse.gold.prevalence import condition_facts, displays, population, prevalence_rows
from lakehouse.gold.tables import CONDITION_FACTS, CONDITION_PREVALENCE, ENCOUNTER_FACTS, GROUP, KPI_MONTHLY
from lakehouse.silver.tables import LATEST

TOUCHING_TYPES = ("Patient", "Encounter", "Condition")


def update(run, frames: dict[str, DataFrame], value_set, since: str, end: str, summary) -> None:
    """Rewrites the keys touched by resource_latest's commits in (since, end]; facts last, with the checkpoint."""
    checkpoint = {"latest": end}
    touched = run.silver.changes(LATEST, since, end).where(F.col("resource_type").isin(*TOUCHING_TYPES))
    old_enc = materialized(run.gold.read(ENCOUNTER_FACTS))
    old_cond = materialized(run.gold.read(CONDITION_FACTS))
    groups = materialized(touched_groups(touched.select("resource_type", "id"), frames, old_enc, old_cond))
    summary.patients_recomputed = groups.count()
    new_enc = materialized(_stamp(_encounter_facts_of(groups, frames, value_set), run.now))
    new_cond = materialized(_stamp(_condition_facts_of(groups, frames), run.now))
    old_enc_p = materialized(old_enc.join(groups, GROUP, "left_semi"))
    old_cond_p = materialized(old_cond.join(groups, GROUP, "left_semi"))
    all_enc = materialized(old_enc.join(groups, GROUP, "left_anti").unionByName(new_enc))
    all_cond = materialized(old_cond.join(groups, GROUP, "left_anti").unionByName(new_cond))
    changed_enc = old_enc_p.unionByName(new_enc)

    _update_kpis(run, all_enc, changed_enc, checkpoint, summary)
    _update_prevalence(run, all_enc, all_cond, changed_enc, old_cond_p, new_cond, checkpoint, summary)
    _replace_facts(run, ENCOUNTER_FACTS, new_enc, old_enc_p, checkpoint)
    _replace_facts(run, CONDITION_FACTS, new_cond, old_cond_p, checkpoint)


def touched_groups(touched: DataFrame, frames: dict, old_enc: DataFrame, old_cond: DataFrame) -> DataFrame:
    """The patient groups whose facts the touched resources can change (one column: patient_group)."""
    ids = {t: touched.where(F.col("resource_type") == t).select("id") for t in TOUCHING_TYPES}
    enc_now = frames["encounter"].select("id", group_of(F.col("patient_id")).alias(GROUP))
    enc_then = old_enc.select("id", GROUP)
    cond_now = frames["condition"].select("id", "encounter_id", group_of(F.col("patient_id")).alias(GROUP))
    cond_then = old_cond.select("id", "encounter_id", GROUP)
    conditions = cond_now.join(ids["Condition"], "id", "left_semi").unionByName(
        cond_then.join(ids["Condition"], "id", "left_semi")
    )
    their_encounters = conditions.select(F.col("encounter_id").alias("id")).where(F.col("id").isNotNull())
    parts = [
        ids["Patient"].select(group_of(F.col("id")).alias(GROUP)),
        enc_now.join(ids["Encounter"], "id", "left_semi").select(GROUP),
        enc_then.join(ids["Encounter"], "id", "left_semi").select(GROUP),
        conditions.select(GROUP),
        enc_now.join(their_encounters, "id", "left_semi").select(GROUP),
        enc_then.join(their_encounters, "id", "left_semi").select(GROUP),
    ]
    result = parts[0]
    for part in parts[1:]:
        result = result.unionByName(part)
    return result.distinct()


def _encounter_facts_of(groups: DataFrame, frames: dict, value_set) -> DataFrame:
    encounters = frames["encounter"].join(groups, group_of(F.col("patient_id")) == groups[GROUP], "left_semi")
    patients = frames["patient"].join(groups, group_of(F.col("id")) == groups[GROUP], "left_semi")
    codings = frames["condition_coding"].join(
        encounters.select(F.col("id").alias("encounter_id")), "encounter_id", "left_semi"
    )
    return encounter_facts(encounters, patients, codings, value_set)


def _condition_facts_of(groups: DataFrame, frames: dict) -> DataFrame:
    conditions = frames["condition"].join(groups, group_of(F.col("patient_id")) == groups[GROUP], "left_semi")
    codings = frames["condition_coding"].join(
        conditions.select(F.col("id").alias("condition_id")), "condition_id", "left_semi"
    )
    patients = frames["patient"].join(groups, group_of(F.col("id")) == groups[GROUP], "left_semi")
    return condition_facts(conditions, codings, patients)


def _update_kpis(run, all_enc: DataFrame, changed: DataFrame, checkpoint: dict, summary) -> None:
    """kpi_monthly rows of the keys the touched patients' old or new facts count under."""
    keys = materialized(kpi_key(start_keys(changed).unionByName(end_keys(changed)).distinct()).select("kpi_key"))
    starting = kpi_key(start_keys_of(all_enc, "start_month")).join(keys, "kpi_key", "left_semi")
    ending = kpi_key(start_keys_of(all_enc, "end_month")).join(keys, "kpi_key", "left_semi")
    facts = starting.drop("month", "kpi_key").unionByName(ending.drop("month", "kpi_key")).dropDuplicates(["id"])
    rows = materialized(kpi_rows(facts, run.now).join(keys, "kpi_key", "left_semi"))
    existing = run.gold.read(KPI_MONTHLY)
    gone = existing.join(keys, "kpi_key", "left_semi").join(rows.select("kpi_key"), "kpi_key", "left_anti")
    gone = materialized(gone.select("kpi_key", *KEY, "computed_at"))
    summary.kpi_rows, summary.kpi_deleted = rows.count(), gone.count()
    run.gold.write(KPI_MONTHLY, rows, checkpoint, deletes=gone)


def start_keys_of(facts: DataFrame, month: str) -> DataFrame:
    """The facts with a `month` column from one of their month columns (rows without that month dropped)."""
    return facts.where(F.col(month).isNotNull()).withColumn("month", F.col(month))


def _update_prevalence(run, all_enc, all_cond, changed_enc, old_cond_p, new_cond, checkpoint, summary) -> None:
    """condition_prevalence rows of the (year, region) pairs the touched patients are served in, and the
    display of every row whose code the touched Conditions carry."""
    pairs = materialized(population(changed_enc).select("year", "region").distinct())
    served = population(all_enc).join(pairs, ["year", "region"], "left_semi")
    enc_in_pairs = all_enc.withColumn("year", F.date_format("start_ts", "yyyy")).join(
        pairs, ["year", "region"], "left_semi"
    )
    cond_of_served = all_cond.join(served.select("patient_id").distinct(), "patient_id", "left_semi")
    rows = prevalence_rows(enc_in_pairs.drop("year"), cond_of_served, run.now, display_facts=all_cond)
    rows = rows.join(pairs, ["year", "region"], "left_semi")
    codes = old_cond_p.unionByName(new_cond).select(
        F.col("system").alias("condition_system"), F.col("code").alias("condition_code")
    )
    existing = run.gold.read(CONDITION_PREVALENCE)
    elsewhere = existing.join(pairs, ["year", "region"], "left_anti").join(
        codes.distinct(), ["condition_system", "condition_code"], "left_semi"
    )
    redisplayed = _redisplayed(elsewhere, all_cond, run.now)
    upserts = materialized(rows.unionByName(redisplayed))
    gone = existing.join(pairs, ["year", "region"], "left_semi").join(
        rows.select("prevalence_key"), "prevalence_key", "left_anti"
    )
    gone = materialized(gone.select("prevalence_key", "computed_at"))
    summary.prevalence_rows, summary.prevalence_deleted = upserts.count(), gone.count()
    run.gold.write(CONDITION_PREVALENCE, upserts, checkpoint, deletes=gone)


def _redisplayed(rows: DataFrame, all_cond: DataFrame, now) -> DataFrame:
    """Rows whose code's display changed, with the new display (other rows of those codes are unchanged)."""
    best = (
        displays(all_cond)
        .withColumnRenamed("system", "condition_system")
        .withColumnRenamed("code", "condition_code")
        .withColumnRenamed("condition_display", "_display")
    )
    joined = rows.join(best, ["condition_system", "condition_code"], "left")
    changed = joined.where(~F.col("condition_display").eqNullSafe(F.col("_display")))
    return (
        changed.withColumn("condition_display", F.col("_display"))
        .withColumn("computed_at", F.lit(now).cast("timestamp"))
        .select(*rows.columns)
    )


def _replace_facts(run, spec, new: DataFrame, old: DataFrame, checkpoint: dict) -> None:
    """The touched patients' facts replaced: new ones upserted, vanished ones deleted."""
    gone = old.join(new.select("id"), "id", "left_anti").select("id", "computed_at")
    run.gold.write(spec, new, checkpoint, deletes=gone)


def _stamp(frame: DataFrame, now) -> DataFrame:
    return frame.withColumn("computed_at", F.lit(now).cast("timestamp"))
