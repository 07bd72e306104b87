"""Bronze throughput on the Synthea sample, beside the time Spark needs merely to read and parse the same files.

Prints MB/s and resources/s for both and the overhead ratio. Needs ../shared/data (or SHARED_DATA).
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from lakehouse.audit import AuditLog
from lakehouse.bronze.job import BronzePaths, run_bronze
from lakehouse.local.audit_server import dynamodb_client, moto_server
from lakehouse.spark_session import local_spark

ROOT = Path(__file__).resolve().parents[1]


def sample() -> Path:
    folder = Path(os.environ.get("SHARED_DATA", ROOT.parent / "shared" / "data")) / "synthea-r4"
    if not folder.is_dir():
        raise SystemExit(f"bronze bench: {folder} not found (set SHARED_DATA)")
    return folder


def parse_only(spark, folder: Path) -> tuple[float, int]:
    """Spark reads every file and parses its JSON, counting bundle entries: the floor bronze is measured against."""
    started = time.monotonic()
    files = spark.read.format("binaryFile").load(str(folder / "*.json.gz"))
    count = files.select("content").rdd.map(lambda r: len(json.loads(gzip.decompress(bytes(r.content)))["entry"])).sum()
    return time.monotonic() - started, count


def bronze(spark, folder: Path, endpoint: str) -> tuple[float, int]:
    audit = AuditLog(f"bench-{uuid.uuid4().hex[:6]}", dynamodb_client(endpoint))
    audit.create_table_if_missing()
    with tempfile.TemporaryDirectory() as out:
        paths = BronzePaths(str(folder), f"{out}/bronze", f"{out}/quarantine")
        started = time.monotonic()
        summary = run_bronze(spark, paths, audit, "bench", datetime.now(UTC))
        return time.monotonic() - started, summary.records_written


def main() -> None:
    folder = sample()
    gz_mb = sum(p.stat().st_size for p in folder.glob("*.json.gz")) / 1e6
    json_mb = sum(len(gzip.decompress(p.read_bytes())) for p in folder.glob("*.json.gz")) / 1e6
    spark = local_spark("bronze-bench")
    parse_only(spark, folder)  # warm-up: JVM, Python workers
    with moto_server() as endpoint:
        floor_s, entries = parse_only(spark, folder)
        bronze_s, written = bronze(spark, folder, endpoint)
    spark.stop()
    print(
        f"input: {len(list(folder.glob('*.json.gz')))} files, {gz_mb:.1f} MB gzip, "
        f"{json_mb:.1f} MB JSON, {entries} resources"
    )
    print(f"read+parse only : {floor_s:7.2f} s  {json_mb / floor_s:6.1f} MB/s  {entries / floor_s:9.0f} resources/s")
    print(f"bronze (Hudi)   : {bronze_s:7.2f} s  {json_mb / bronze_s:6.1f} MB/s  {written / bronze_s:9.0f} resources/s")
    print(f"overhead ratio  : {bronze_s / floor_s:.1f}x")


if __name__ == "__main__":
    main()
