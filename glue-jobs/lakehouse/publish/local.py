"""Publishing on a local Spark session: read the gold tables, run the views, write the exports."""

from __future__ import annotations

from pyspark.sql import SparkSession

from lakehouse.gold.tables import CONDITION_PREVALENCE, KPI_MONTHLY
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.publish.exports import write_exports, write_prevalence_export
from lakehouse.publish.views import load_views, run_views


def publish_gold(spark: SparkSession, gold_root: str, out_dir: str, views_dir: str | None = None) -> list[str]:
    """Runs athena/views over the gold tables under gold_root and writes <out_dir>/export/; returns the files."""
    store = HudiStore(spark, gold_root)
    gold = store.read(KPI_MONTHLY)
    if gold is None:
        raise FileNotFoundError(f"no gold table {KPI_MONTHLY.name} under {gold_root}: run the gold job first")
    gold = gold.cache()
    try:
        results = run_views(spark, gold, load_views(views_dir))
        paths = write_exports(results, gold, out_dir)
    finally:
        gold.unpersist()
    prevalence = store.read(CONDITION_PREVALENCE)
    if prevalence is not None:
        paths.append(write_prevalence_export(prevalence, out_dir))
    return paths
