"""The bronze job: raw files the audit log has not seen -> one Hudi table of every resource version (partitioned
by resource type) plus the quarantine table, in one commit each; a file is marked done only after both committed.

Exactly once: the resources commit carries the run id. A run killed after that commit but before the audit log
marked its files done is recognised on the next run (the files are in_progress under a committed run id) and
its files are marked done from the table's own counts, never ingested twice.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from lakehouse.audit import AuditLog, FileCounts
from lakehouse.bronze.listing import RawFile, list_raw_files
from lakehouse.bronze.read import read_and_parse
from lakehouse.bronze.tables import BRONZE_COLUMNS, QUARANTINE, QUARANTINE_COLUMNS, RESOURCES
from lakehouse.fhir_types import format_utc
from lakehouse.lake.store import TableStore


@dataclass(frozen=True)
class BronzeStores:
    """Where bronze writes: the resources table's store (bronze zone) and the quarantine zone's store."""

    bronze: TableStore
    quarantine: TableStore


@dataclass
class BronzeSummary:
    """What one run did. records_read == records_written + records_quarantined."""

    files_listed: int = 0
    files_skipped: int = 0
    # Entries of the raw folder that are not regular files (dangling symlinks, FIFOs, ...), by reason.
    entries_not_read: int = 0
    not_read_by_reason: dict[str, int] = field(default_factory=dict)
    files_ingested: int = 0
    files_recovered: int = 0
    records_read: int = 0
    records_written: int = 0
    records_quarantined: int = 0
    written_by_type: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass(frozen=True)
class Plan:
    """Which listed files to ingest, which to skip, and which a killed run already committed."""

    todo: list[RawFile]
    skipped: list[RawFile]
    recovered: dict[str, list[RawFile]]  # run id -> files


def run_bronze(
    spark: SparkSession, raw: str, stores: BronzeStores, audit: AuditLog, run_id: str, now: datetime
) -> BronzeSummary:
    """Ingests every raw file not recorded done with the same content; a rerun with nothing new writes nothing."""
    started = time.monotonic()
    not_read: Counter = Counter()
    files = list_raw_files(raw, skipped=not_read)
    plan = plan_run(files, audit, stores)
    summary = BronzeSummary(files_listed=len(files), files_skipped=len(plan.skipped), files_ingested=len(plan.todo))
    summary.entries_not_read, summary.not_read_by_reason = sum(not_read.values()), dict(sorted(not_read.items()))
    for recovered_run, recovered in plan.recovered.items():
        audit.mark_done(recovered, committed_counts(stores, recovered_run, recovered), recovered_run, now)
        summary.files_recovered += len(recovered)
    if plan.todo:
        audit.mark_in_progress(plan.todo, run_id, now)
        counts, by_type = ingest(spark, plan.todo, stores, run_id, now)
        audit.mark_done(plan.todo, counts, run_id, now)
        summary.written_by_type = by_type
        summary.records_read = sum(c.read for c in counts.values())
        summary.records_written = sum(c.written for c in counts.values())
        summary.records_quarantined = sum(c.quarantined for c in counts.values())
    summary.seconds = time.monotonic() - started
    return summary


def plan_run(files: list[RawFile], audit: AuditLog, stores: BronzeStores) -> Plan:
    """Splits the listing by what the audit log and the resources table's commits say."""
    records = audit.file_records([f.uri for f in files])
    todo, skipped, maybe = [], [], []
    for f in files:
        record = records.get(f.uri)
        if record is not None and record.etag == f.etag and record.status == "done":
            skipped.append(f)
        elif record is not None and record.etag == f.etag and record.status == "in_progress":
            maybe.append((f, record.run_id))
        else:
            todo.append(f)
    recovered: dict[str, list[RawFile]] = {}
    if maybe:
        committed = {m.get("run_id") for m in stores.bronze.committed_metadata(RESOURCES)}
        for f, run in maybe:
            if run in committed:
                recovered.setdefault(run, []).append(f)
            else:
                todo.append(f)
    return Plan(sorted(todo, key=lambda f: f.uri), skipped, recovered)


def ingest(
    spark: SparkSession, files: list[RawFile], stores: BronzeStores, run_id: str, now: datetime
) -> tuple[dict[str, FileCounts], dict[str, int]]:
    """Parses and writes the files: quarantine first, then the resources commit that makes the run count."""
    parsed = (
        read_and_parse(spark, files)
        .withColumn("ingested_at", F.lit(format_utc(now)))
        .withColumn("run_id", F.lit(run_id))
    )
    parsed = parsed.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = count_per_file(parsed)
        bad = quarantine_rows(parsed)
        if any(c.quarantined for c in counts.values()):
            stores.quarantine.write(QUARANTINE, bad, {}, metadata={"run_id": run_id})
        resources = resource_rows(parsed)
        by_type = {r["resource_type"]: r["count"] for r in resources.groupBy("resource_type").count().collect()}
        if by_type:
            stores.bronze.write(RESOURCES, resources, {}, operation="bulk_insert", metadata={"run_id": run_id})
    finally:
        parsed.unpersist()
    return counts, dict(sorted(by_type.items()))


def count_per_file(parsed: DataFrame) -> dict[str, FileCounts]:
    """Per source file: records read, written, quarantined (small: one row per file)."""
    rows = parsed.groupBy("source_file").agg(
        F.count("*").alias("read"),
        F.sum(F.when(F.col("kind") == "resource", 1).otherwise(0)).alias("written"),
        F.sum(F.when(F.col("kind") == "quarantine", 1).otherwise(0)).alias("quarantined"),
    )
    return {r.source_file: FileCounts(r.read, r.written, r.quarantined) for r in rows.collect()}


def arrival_key(*columns: str):
    """A key unique per arrival of a record: the file, its content version and the position in it."""
    return F.sha2(F.concat_ws("|", *[F.coalesce(F.col(c), F.lit("")) for c in columns]), 256)


def resource_rows(parsed: DataFrame) -> DataFrame:
    """Every resource version (and delete) as a bronze row: lossless, keyed by its arrival."""
    resources = parsed.where(F.col("kind") == "resource")
    return resources.withColumn("version_key", arrival_key("source_file", "file_etag", "position")).select(
        *BRONZE_COLUMNS
    )


def quarantine_rows(parsed: DataFrame) -> DataFrame:
    """Every record that did not become a resource, with file, position and reason."""
    bad = parsed.where(F.col("kind") == "quarantine")
    return bad.withColumn("quarantine_key", arrival_key("source_file", "file_etag", "position")).select(
        *QUARANTINE_COLUMNS
    )


def committed_counts(stores: BronzeStores, run_id: str, files: list[RawFile]) -> dict[str, FileCounts]:
    """Per file of a committed run, the counts its rows in the two tables give (the recovery path only)."""
    uris = [f.uri for f in files]
    written = _count_by_file(stores.bronze.read(RESOURCES), run_id, uris)
    quarantined = _count_by_file(stores.quarantine.read(QUARANTINE), run_id, uris)
    return {
        u: FileCounts(written.get(u, 0) + quarantined.get(u, 0), written.get(u, 0), quarantined.get(u, 0)) for u in uris
    }


def _count_by_file(table: DataFrame | None, run_id: str, uris: list[str]) -> dict[str, int]:
    if table is None:
        return {}
    rows = table.where((F.col("run_id") == run_id) & F.col("source_file").isin(uris)).groupBy("source_file").count()
    return {r.source_file: r["count"] for r in rows.collect()}
