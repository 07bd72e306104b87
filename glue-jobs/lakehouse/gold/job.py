"""The gold job: silver encounter, patient and condition codings -> kpi_monthly, upserted into Hudi."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from lakehouse.gold.kpi import KEY, kpi_monthly
from lakehouse.gold.value_set import InfectionValueSet, load_value_set
from lakehouse.hudi_options import hudi_options
from lakehouse.tables import table_exists

GOLD_TABLE = "kpi_monthly"


@dataclass
class GoldSummary:
    """Rows upserted into kpi_monthly, stale rows deleted, and how long it took."""

    rows: int = 0
    deleted: int = 0
    seconds: float = 0.0


def read_silver(spark: SparkSession, silver_root: str, name: str) -> DataFrame:
    return spark.read.format("hudi").load(f"{silver_root.rstrip('/')}/{name}")


def kpi_key(frame: DataFrame) -> DataFrame:
    """One string key per (month, region, facility_id); Hudi record keys cannot be null, facility_id can."""
    return frame.withColumn("kpi_key", F.concat_ws("|", "month", "region", F.coalesce("facility_id", F.lit(""))))


def run_gold(
    spark: SparkSession,
    silver_root: str,
    gold_root: str,
    now: datetime,
    value_set: InfectionValueSet | None = None,
    catalog_database: str | None = None,
) -> GoldSummary:
    """Recomputes every KPI row from silver, upserts it, and deletes rows whose key no longer has data."""
    started = time.monotonic()
    encounter, patient, codings = (
        read_silver(spark, silver_root, n) for n in ("encounter", "patient", "condition_coding")
    )
    kpis = kpi_key(kpi_monthly(encounter, patient, codings, value_set or load_value_set(), now)).cache()
    path = f"{gold_root.rstrip('/')}/{GOLD_TABLE}"
    sync = {"database": catalog_database, "sync_to_catalog": catalog_database is not None}
    stale = None
    if table_exists(spark, path):
        stale = (
            spark.read.format("hudi")
            .load(path)
            .select("kpi_key", *KEY, "computed_at")
            .join(kpis.select("kpi_key"), "kpi_key", "left_anti")
            .cache()
        )
    rows = kpis.count()
    deleted = stale.count() if stale is not None else 0  # counted before the upsert changes the table
    kpis.write.format("hudi").options(**hudi_options(GOLD_TABLE, "kpi_key", "computed_at", **sync)).mode("append").save(
        path
    )
    if deleted:
        stale.write.format("hudi").options(
            **hudi_options(GOLD_TABLE, "kpi_key", "computed_at", operation="delete", **sync)
        ).mode("append").save(path)
    kpis.unpersist()
    return GoldSummary(rows, deleted, time.monotonic() - started)
