"""The silver job: bronze versions -> resource_latest (the winner per id) -> one table per ViewDefinition.

Incremental by default: resource_latest reads only the bronze commits after its checkpoint, and each view table
only the resource_latest commits after its own; every checkpoint is stored in the commit that writes the data,
so a run killed anywhere neither skips nor doubles anything. `full_refresh` recomputes every table from all of
bronze; it is the oracle the incremental path is tested against.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import BooleanType, StringType, StructField, StructType

from lakehouse.bronze.tables import RESOURCES
from lakehouse.lake.store import TableStore
from lakehouse.silver.flatten import DERIVED, derive, flatten, load_views
from lakehouse.silver.latest import as_latest_rows, changed_winners, current, winners
from lakehouse.silver.tables import LATEST, LATEST_COLUMNS, RESOURCE_ID, SILVER_KEY, UPDATED_AT, view_table
from lakehouse.silver.timestamps import INVALID_TIMES
from lakehouse.viewdef import infer_schema


@dataclass
class SilverSummary:
    """What one run changed: resources whose winner changed, rows written and deleted per table."""

    resources_changed: int = 0
    rows_by_table: dict[str, int] = field(default_factory=dict)
    deleted_by_table: dict[str, int] = field(default_factory=dict)
    # Date/time values outside lakehouse/data/time_range.json (or unparseable), written as null, per table.
    times_out_of_range: dict[str, int] = field(default_factory=dict)
    tables_up_to_date: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class SilverRun:
    """The stores and the settings of one run."""

    bronze: TableStore
    silver: TableStore
    now: datetime
    full_refresh: bool = False


def run_silver(run: SilverRun, views: dict[str, dict] | None = None) -> SilverSummary:
    """Brings resource_latest and every view table up to date with bronze."""
    started, summary = time.monotonic(), SilverSummary()
    summary.resources_changed = update_latest(run)
    end = run.silver.latest_instant(LATEST)
    by_type: dict[str, dict[str, dict]] = {}
    for name, view in (views or load_views()).items():
        by_type.setdefault(view["resource"], {})[name] = view
    for resource_type, type_views in sorted(by_type.items()):
        update_views(run, resource_type, type_views, end, summary)
    summary.seconds = time.monotonic() - started
    return summary


def update_latest(run: SilverRun) -> int:
    """Merges the bronze versions after the checkpoint into resource_latest; returns the winners changed."""
    end = run.bronze.latest_instant(RESOURCES)
    if end is None:
        return 0
    since = run.silver.checkpoint(LATEST).get("bronze")
    if since == end and not run.full_refresh:
        return 0
    checkpoint = {"bronze": end}
    if run.full_refresh:
        rows = winners(as_latest_rows(run.bronze.read(RESOURCES))).cache()
        run.silver.write(LATEST, rows, checkpoint, operation="insert_overwrite_table")
    else:
        arrived = as_latest_rows(run.bronze.changes(RESOURCES, since, end))
        rows = changed_winners(arrived, run.silver.read(LATEST)).cache()
        run.silver.write(LATEST, rows, checkpoint)
    changed = rows.count()
    rows.unpersist()
    return changed


def update_views(run: SilverRun, resource_type: str, views: dict[str, dict], end: str | None, summary) -> None:
    """The view tables of one resource type (and the tables derived from them) caught up to `end`."""
    names = [*views, *[d for d, (source, _) in DERIVED.items() if source in views]]
    marks = {n: run.silver.checkpoint(view_table(n)).get("latest") for n in names}
    pending = [n for n in names if run.full_refresh or marks[n] != end or not run.silver.exists(view_table(n))]
    summary.tables_up_to_date += len(names) - len(pending)
    if not pending:
        return
    source = _source(run, resource_type, [marks[n] for n in pending], end).cache()
    live = current(source).cache()
    schema = infer_schema(live, resource_type, json_col="resolved_json")
    rows_of: dict[str, DataFrame] = {}
    for name in [n for n in names if n in views]:
        rows_of[name] = flatten(views[name], live, schema).cache()
        if name in pending:
            _write_view(run, name, rows_of[name], source, end, summary)
    for name in [n for n in pending if n in DERIVED]:
        _write_view(run, name, derive(name, rows_of[DERIVED[name][0]], live).cache(), source, end, summary)
    for frame in (*rows_of.values(), live, source):
        frame.unpersist()


def _source(run: SilverRun, resource_type: str, marks: list[str | None], end: str | None) -> DataFrame:
    """The resource_latest rows of one type the pending tables must (re)process: all of them on a full refresh
    or for a table never written, else those changed since the oldest pending checkpoint."""
    table = run.silver.read(LATEST, resource_type) if end is not None else None
    if table is None:
        return run.silver.spark.createDataFrame([], _latest_schema(run))
    if run.full_refresh or any(m is None for m in marks):
        return table
    since = min(m for m in marks if m is not None)
    return run.silver.changes(LATEST, since, end).where(F.col("resource_type") == resource_type)


def _latest_schema(run: SilverRun) -> StructType:
    return StructType(
        [StructField(c, BooleanType() if c == "is_deleted" else StringType(), True) for c in LATEST_COLUMNS]
    )


def _write_view(run: SilverRun, name: str, rows: DataFrame, source: DataFrame, end: str | None, summary) -> None:
    """One commit per table: the new rows, the stale rows of the resources in `source` deleted, the checkpoint."""
    spec = view_table(name)
    stamped = rows.drop(INVALID_TIMES).withColumn(UPDATED_AT, F.lit(run.now).cast("timestamp"))
    checkpoint = {"latest": end or ""}
    stale = None
    existing = None if run.full_refresh else run.silver.read(spec)
    if existing is not None:
        touched = source.select(F.col("id").alias(RESOURCE_ID))
        stale = (
            existing.select(SILVER_KEY, RESOURCE_ID)
            .join(touched, RESOURCE_ID, "left_semi")
            .join(rows.select(SILVER_KEY), SILVER_KEY, "left_anti")
            .withColumn(UPDATED_AT, F.lit(run.now).cast("timestamp"))
            .cache()
        )
    # Counted (and so materialised) before the write changes the table they were read from.
    invalid = F.sum(INVALID_TIMES) if INVALID_TIMES in rows.columns else F.lit(0)  # derived tables: none
    totals = rows.agg(F.count("*").alias("rows"), F.coalesce(invalid, F.lit(0)).alias("invalid")).first()
    summary.rows_by_table[name] = totals["rows"]
    if totals["invalid"]:
        summary.times_out_of_range[name] = int(totals["invalid"])
    summary.deleted_by_table[name] = stale.count() if stale is not None else 0
    operation = "insert_overwrite_table" if run.full_refresh or existing is None else "upsert"
    run.silver.write(spec, stamped, checkpoint, deletes=stale, operation=operation)
    rows.unpersist()
