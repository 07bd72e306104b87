"""The gold job: silver -> encounter and condition facts -> kpi_monthly and condition_prevalence.

Incremental by default. Every KPI is a sum over patients, so a run recomputes the facts of the patients its
changes touch (from resource_latest's commits since the facts' checkpoint), and only the KPI keys those
patients' old and new facts count under (gold/incremental.py). The facts are written last: a run killed before
them is redone whole from the same checkpoint, and every gold write is idempotent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from pyspark.sql import DataFrame

from lakehouse.gold import incremental
from lakehouse.gold.facts import encounter_facts
from lakehouse.gold.kpi import kpi_rows
from lakehouse.gold.prevalence import condition_facts, prevalence_rows
from lakehouse.gold.tables import CONDITION_FACTS, CONDITION_PREVALENCE, ENCOUNTER_FACTS, KPI_MONTHLY
from lakehouse.gold.value_set import InfectionValueSet, load_value_set
from lakehouse.lake.store import TableStore
from lakehouse.silver.tables import view_table

SOURCES = ("encounter", "patient", "condition_coding", "condition")


@dataclass
class GoldSummary:
    """What one run wrote: rows upserted and deleted per table, patients whose facts were recomputed."""

    kpi_rows: int = 0
    kpi_deleted: int = 0
    prevalence_rows: int = 0
    prevalence_deleted: int = 0
    patients_recomputed: int = 0
    full_refresh: bool = False
    seconds: float = 0.0


@dataclass(frozen=True)
class GoldRun:
    """The stores and settings of one run."""

    silver: TableStore
    gold: TableStore
    now: datetime
    value_set: InfectionValueSet | None = None
    full_refresh: bool = False


def run_gold(run: GoldRun) -> GoldSummary:
    """Brings the gold tables up to date with the silver views."""
    started, summary = time.monotonic(), GoldSummary()
    marks = [run.silver.checkpoint(view_table(n)).get("latest") for n in SOURCES]
    if any(m is None for m in marks) or not all(run.silver.exists(view_table(n)) for n in SOURCES):
        return summary  # silver has not run yet
    end = min(marks)
    since = [run.gold.checkpoint(spec).get("latest") for spec in (ENCOUNTER_FACTS, CONDITION_FACTS)]
    full = run.full_refresh or any(s is None for s in since) or not _gold_exists(run)
    if not full and min(since) == end:
        summary.seconds = time.monotonic() - started
        return summary
    frames = {n: run.silver.read(view_table(n)) for n in SOURCES}
    value_set = run.value_set or load_value_set()
    if full:
        _full(run, frames, value_set, {"latest": end}, summary)
    else:
        incremental.update(run, frames, value_set, min(since), end, summary)
    summary.seconds = time.monotonic() - started
    return summary


def _gold_exists(run: GoldRun) -> bool:
    return all(run.gold.exists(s) for s in (KPI_MONTHLY, CONDITION_PREVALENCE, ENCOUNTER_FACTS, CONDITION_FACTS))


def _full(run: GoldRun, frames: dict[str, DataFrame], value_set, checkpoint: dict, summary: GoldSummary) -> None:
    """Every fact and every row from all of silver, each table replaced."""
    summary.full_refresh = True
    enc = stamped(
        encounter_facts(frames["encounter"], frames["patient"], frames["condition_coding"], value_set), run.now
    ).cache()
    cond = stamped(condition_facts(frames["condition"], frames["condition_coding"], frames["patient"]), run.now)
    cond = cond.cache()
    kpis = kpi_rows(enc, run.now).cache()
    prevalence = prevalence_rows(enc, cond, run.now).cache()
    summary.kpi_rows, summary.prevalence_rows = kpis.count(), prevalence.count()
    overwrite = {"operation": "insert_overwrite_table"}
    run.gold.write(KPI_MONTHLY, kpis, checkpoint, **overwrite)
    run.gold.write(CONDITION_PREVALENCE, prevalence, checkpoint, **overwrite)
    run.gold.write(ENCOUNTER_FACTS, enc, checkpoint, **overwrite)
    run.gold.write(CONDITION_FACTS, cond, checkpoint, **overwrite)
    for frame in (enc, cond, kpis, prevalence):
        frame.unpersist()


def stamped(frame: DataFrame, now: datetime) -> DataFrame:
    from pyspark.sql import functions as F

    return frame.withColumn("computed_at", F.lit(now).cast("timestamp"))
