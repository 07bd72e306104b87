"""The bronze job: new raw files -> one Hudi table per resource type, plus a quarantine table; audited per file."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import BooleanType, StringType, StructField, StructType

from lakehouse.audit import AuditLog, FileCounts
from lakehouse.bronze.listing import RawFile, list_raw_files
from lakehouse.bronze.parse import parse_file
from lakehouse.bronze.records import PARSED_SCHEMA, to_row
from lakehouse.fhir_types import format_utc
from lakehouse.hudi_options import hudi_options

PARALLEL_TABLE_WRITES = 4
BRONZE_COLUMNS = [
    "version_key",
    "id",
    "resource_type",
    "last_updated",
    "last_updated_source",
    "is_deleted",
    "json",
    "resolved_json",
    "source_file",
    "position",
    "ingested_at",
    "run_id",
]
BRONZE_SCHEMA = StructType(
    [
        StructField(
            c, BooleanType() if c == "is_deleted" else StringType(), c not in ("version_key", "id", "resource_type")
        )
        for c in BRONZE_COLUMNS
    ]
)
QUARANTINE_COLUMNS = [
    "quarantine_key",
    "source_file",
    "file_etag",
    "position",
    "reason",
    "field",
    "resource_type",
    "id",
    "raw",
    "ingested_at",
    "run_id",
]


@dataclass(frozen=True)
class BronzePaths:
    """Where the job reads and writes: local folders or s3:// prefixes."""

    raw: str
    bronze: str
    quarantine: str


@dataclass
class BronzeSummary:
    """What one run did. records_read == records_written + records_quarantined."""

    files_listed: int = 0
    files_skipped: int = 0
    files_ingested: int = 0
    records_read: int = 0
    records_written: int = 0
    records_quarantined: int = 0
    written_by_type: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def table_path(root: str, resource_type: str) -> str:
    """The bronze table of a resource type: <root>/<resourcetype lowercase>."""
    return f"{root.rstrip('/')}/{resource_type.lower()}"


def run_bronze(
    spark: SparkSession,
    paths: BronzePaths,
    audit: AuditLog,
    run_id: str,
    now: datetime,
    catalog_database: str | None = None,
) -> BronzeSummary:
    """Ingests every raw file not yet recorded done with the same content; a rerun with nothing new writes nothing."""
    started = time.monotonic()
    files = list_raw_files(paths.raw)
    todo, skipped = audit.pending(files)
    summary = BronzeSummary(files_listed=len(files), files_skipped=len(skipped), files_ingested=len(todo))
    if not todo:
        summary.seconds = time.monotonic() - started
        return summary
    audit.mark_in_progress(todo, run_id, now)
    parsed = (
        read_and_parse(spark, todo)
        .withColumn("ingested_at", F.lit(format_utc(now)))
        .withColumn("run_id", F.lit(run_id))
    )
    parsed = parsed.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = count_per_file(parsed)
        summary.written_by_type = write_resource_tables(parsed, paths.bronze, catalog_database)
        write_quarantine(parsed, paths.quarantine, catalog_database)
    finally:
        parsed.unpersist()
    audit.mark_done(todo, counts, run_id, now)
    summary.records_read = sum(c.read for c in counts.values())
    summary.records_written = sum(c.written for c in counts.values())
    summary.records_quarantined = sum(c.quarantined for c in counts.values())
    summary.seconds = time.monotonic() - started
    return summary


def read_and_parse(spark: SparkSession, files: list[RawFile]) -> DataFrame:
    """Reads the files on the executors (never all on one) and splits each into parsed rows."""
    by_uri = {f.uri: f for f in files}
    schema = StructType([*PARSED_SCHEMA.fields, StructField("file_etag", StringType(), True)])
    # Spark's file sources skip zero-length files, so empty files are parsed here, on the driver.
    empty = [to_row(item) + (f.etag,) for f in files if f.size == 0 for item in parse_file(f.uri, b"", f.modified)]
    non_empty = [f.uri for f in files if f.size > 0]
    if not non_empty:
        return spark.createDataFrame(empty, schema)
    binary = spark.read.format("binaryFile").load(non_empty)

    def explode(row) -> list[tuple]:
        # binaryFile reports local paths as file:/x and keeps s3://bucket/key as given.
        raw = by_uri.get(row.path) or by_uri[row.path.replace("file:///", "file:/")]
        return [to_row(item) + (raw.etag,) for item in parse_file(raw.uri, bytes(row.content), raw.modified)]

    parsed = spark.createDataFrame(binary.select("path", "content").rdd.flatMap(explode), schema)
    return parsed.unionByName(spark.createDataFrame(empty, schema)) if empty else parsed


def count_per_file(parsed: DataFrame) -> dict[str, FileCounts]:
    """Per source file: records read, written, quarantined (small: one row per file)."""
    rows = parsed.groupBy("source_file").agg(
        F.count("*").alias("read"),
        F.sum(F.when(F.col("kind") == "resource", 1).otherwise(0)).alias("written"),
        F.sum(F.when(F.col("kind") == "quarantine", 1).otherwise(0)).alias("quarantined"),
    )
    return {r.source_file: FileCounts(r.read, r.written, r.quarantined) for r in rows.collect()}


def write_resource_tables(parsed: DataFrame, bronze_root: str, catalog_database: str | None) -> dict[str, int]:
    """One Hudi table per resource type; every distinct version is a row (key: a hash of the version)."""
    resources = parsed.where(F.col("kind") == "resource").withColumn(
        "version_key",
        F.sha2(
            F.concat_ws(
                "|",
                "resource_type",
                "id",
                "last_updated",
                F.col("is_deleted").cast("string"),
                F.coalesce("json", F.lit("")),
            ),
            256,
        ),
    )
    types = {row["resource_type"]: row["count"] for row in resources.groupBy("resource_type").count().collect()}

    def write(rtype: str) -> None:
        options = hudi_options(
            f"bronze_{rtype.lower()}",
            "version_key",
            "ingested_at",
            database=catalog_database,
            sync_to_catalog=catalog_database is not None,
        )
        table = resources.where(F.col("resource_type") == rtype).select(*BRONZE_COLUMNS)
        table.write.format("hudi").options(**options).mode("append").save(table_path(bronze_root, rtype))

    # Each Hudi commit spends most of its time on timeline and file-system round trips, not on the cores:
    # writing several tables at once from driver threads overlaps that latency.
    with ThreadPoolExecutor(max_workers=PARALLEL_TABLE_WRITES) as pool:
        list(pool.map(write, sorted(types)))
    return dict(sorted(types.items()))


def write_quarantine(parsed: DataFrame, quarantine_root: str, catalog_database: str | None) -> int:
    """The quarantine table: every record that did not become a resource, with file, position and reason."""
    bad = parsed.where(F.col("kind") == "quarantine").withColumn(
        "quarantine_key", F.sha2(F.concat_ws("|", "source_file", F.coalesce("file_etag", F.lit("")), "position"), 256)
    )
    count = bad.count()
    if count:
        options = hudi_options(
            "quarantine",
            "quarantine_key",
            "ingested_at",
            database=catalog_database,
            sync_to_catalog=catalog_database is not None,
        )
        bad.select(*QUARANTINE_COLUMNS).write.format("hudi").options(**options).mode("append").save(
            f"{quarantine_root.rstrip('/')}/quarantine"
        )
    return count
