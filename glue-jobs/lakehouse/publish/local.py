"""Publishing on a local Spark session: read the gold tables, run the views, write the exports."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession

from lakehouse.gold.tables import CONDITION_PREVALENCE, KPI_MONTHLY
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.publish.exports import write_exports, write_prevalence_export
from lakehouse.publish.views import GOLD_TABLES, load_views, run_views

HUDI_COLUMNS = "_hoodie_"  # Hudi's own columns: the gold tables as Athena sees them have none


def read_gold_tables(spark: SparkSession, gold_root: str) -> dict[str, DataFrame]:
    """{name: frame} of the gold tables the views read, without Hudi's meta columns; a missing one fails naming it."""
    store, tables = HudiStore(spark, gold_root), {}
    for spec in (KPI_MONTHLY, CONDITION_PREVALENCE):
        frame = store.read(spec)
        if frame is None:
            raise FileNotFoundError(f"no gold table {spec.name} under {gold_root}: run the gold job first")
        tables[spec.name] = frame.select(*[c for c in frame.columns if not c.startswith(HUDI_COLUMNS)])
    assert set(tables) == set(GOLD_TABLES), "publish/views.py and this module disagree on the gold tables"
    return tables


def publish_gold(spark: SparkSession, gold_root: str, out_dir: str, views_dir: str | None = None) -> list[str]:
    """Runs athena/views over the gold tables under gold_root and writes <out_dir>/export/; returns the files."""
    tables = {name: frame.cache() for name, frame in read_gold_tables(spark, gold_root).items()}
    try:
        results = run_views(spark, tables, load_views(views_dir))
        paths = write_exports(results, tables[KPI_MONTHLY.name], out_dir)
        paths.append(write_prevalence_export(tables[CONDITION_PREVALENCE.name], out_dir))
    finally:
        for frame in tables.values():
            frame.unpersist()
    return paths
