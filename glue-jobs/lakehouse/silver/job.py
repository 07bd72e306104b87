"""The silver job: for each ViewDefinition, the latest bronze versions flattened into a Hudi table."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StructType

from lakehouse.bronze.job import BRONZE_SCHEMA, table_path
from lakehouse.hudi_options import hudi_options
from lakehouse.silver.deid import deidentified_patients
from lakehouse.silver.latest import latest_versions
from lakehouse.silver.timestamps import normalise_times
from lakehouse.tables import read_table
from lakehouse.viewdef import infer_schema, run_view_definition, view_columns


@dataclass
class SilverSummary:
    """Rows written per silver table, and how long the run took."""

    rows_by_table: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def load_views(folder: str | Path | None = None) -> dict[str, dict]:
    """The silver ViewDefinitions (packaged lakehouse/views/*.json by default), by view name."""
    files = (
        sorted(Path(folder).glob("*.json"))
        if folder
        else sorted(p for p in resources.files("lakehouse.views").iterdir() if p.name.endswith(".json"))
    )
    views = {}
    for path in files:
        view = json.loads(path.read_text("utf-8"))
        views[view["name"]] = view
    return views


def read_bronze(spark: SparkSession, bronze_root: str, resource_type: str) -> DataFrame | None:
    """The bronze table of a resource type, or None when no such resource was ever ingested."""
    return read_table(spark, table_path(bronze_root, resource_type))


def flatten(view: dict, current: DataFrame, schema: StructType | None = None) -> DataFrame:
    """A view over the current resources, with its date and time columns typed in UTC; `schema` is the
    resources' inferred schema when the caller shares one between views of the same type."""
    rows = run_view_definition(view, current, json_col="resolved_json", schema=schema)
    return normalise_times(rows, view_columns(view))


def write_silver(frame: DataFrame, silver_root: str, name: str, now: datetime, catalog_database: str | None) -> int:
    """Replaces the silver table (insert_overwrite_table): deletes and vanished child rows disappear too."""
    keyed = frame.withColumn("silver_key", F.sha2(F.to_json(F.struct(*[F.col(c) for c in frame.columns])), 256))
    keyed = keyed.withColumn("silver_updated_at", F.lit(now).cast("timestamp")).dropDuplicates(["silver_key"])
    options = hudi_options(
        f"silver_{name}",
        "silver_key",
        "silver_updated_at",
        operation="insert_overwrite_table",
        database=catalog_database,
        sync_to_catalog=catalog_database is not None,
    )
    keyed.write.format("hudi").options(**options).mode("append").save(f"{silver_root.rstrip('/')}/{name}")
    return keyed.count()


def run_silver(
    spark: SparkSession, bronze_root: str, silver_root: str, now: datetime, catalog_database: str | None = None
) -> SilverSummary:
    """Every view, then the de-identified patient table; a view whose resource type has no bronze table is empty."""
    started, summary = time.monotonic(), SilverSummary()
    by_type: dict[str, dict[str, dict]] = {}
    for name, view in load_views().items():
        by_type.setdefault(view["resource"], {})[name] = view
    # Views of one resource type share its latest versions and its inferred schema: one bronze read, one
    # window and one schema pass per type instead of one per view.
    for resource_type, views in by_type.items():
        bronze = read_bronze(spark, bronze_root, resource_type)
        if bronze is None:
            bronze = spark.createDataFrame([], BRONZE_SCHEMA)  # the table still exists, empty, for later layers
        current = latest_versions(bronze).cache()
        schema = infer_schema(current, resource_type, json_col="resolved_json")
        for name, view in views.items():
            table = flatten(view, current, schema).cache()
            summary.rows_by_table[name] = write_silver(table, silver_root, name, now, catalog_database)
            if name == "patient":
                deid = deidentified_patients(table, now.date())
                summary.rows_by_table["patient_deid"] = write_silver(
                    deid, silver_root, "patient_deid", now, catalog_database
                )
            table.unpersist()
        current.unpersist()
    summary.seconds = time.monotonic() - started
    return summary
