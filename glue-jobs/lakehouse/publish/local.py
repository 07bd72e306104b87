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
    tables = {}
    for spec in (KPI_MONTHLY, CONDITION_PREVALENCE):
        frame = store.read(spec)
        if frame is None:
            raise FileNotFoundError(f"no gold table {spec.name} under {gold_root}: run the gold job first")
        tables[spec.name] = frame.cache()
    try:
        results = run_views(spark, tables, load_views(views_dir))
        paths = write_exports(results, tables[KPI_MONTHLY.name], out_dir)
        paths.append(write_prevalence_export(tables[CONDITION_PREVALENCE.name], out_dir))
    finally:
        for frame in tables.values():
            frame.unpersist()
    return paths
