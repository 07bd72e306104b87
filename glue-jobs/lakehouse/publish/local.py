"""Publishing on a local Spark session: read the gold Hudi table, run the views, write the exports."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession

from lakehouse.publish.exports import write_exports
from lakehouse.publish.views import load_views, run_views


def read_gold(spark: SparkSession, gold_table_path: str) -> DataFrame:
    """The kpi_monthly Hudi table at gold_table_path (the table's own folder, e.g. <gold>/kpi_monthly)."""
    return spark.read.format("hudi").load(gold_table_path.rstrip("/"))


def publish_gold(spark: SparkSession, gold_table_path: str, out_dir: str, views_dir: str | None = None) -> list[str]:
    """Runs athena/views over the gold table and writes <out_dir>/export/; returns the files written."""
    gold = read_gold(spark, gold_table_path).cache()
    try:
        results = run_views(spark, gold, load_views(views_dir))
        return write_exports(results, gold, out_dir)
    finally:
        gold.unpersist()
