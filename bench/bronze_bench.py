"""Bronze throughput beside the time Spark needs merely to read and parse the same files.

Prints MB/s and resources/s for both and the overhead ratio. Default input: the Synthea sample of ../shared/data
(or SHARED_DATA); `--input DIR` measures any folder of raw FHIR files (.json, .ndjson, optionally gzipped).

Usage: .venv/bin/python bench/bronze_bench.py [--input DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from lakehouse.audit import AuditLog
from lakehouse.aws_clients import dynamodb_client
from lakehouse.bronze.job import BronzeStores, run_bronze
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.local.audit_server import moto_server
from lakehouse.spark_session import local_spark

ROOT = Path(__file__).resolve().parents[1]


def synthea() -> Path:
    return Path(os.environ.get("SHARED_DATA", ROOT.parent / "shared" / "data")) / "synthea-r4"


def data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(("_", ".")))


def resources_in(content: bytes, name: str) -> int:
    """Resources in one file: bundle entries, NDJSON lines, or one resource. Malformed files count none."""
    text = gzip.decompress(content) if name.endswith(".gz") else content
    try:
        if ".ndjson" in name:
            return sum(1 for line in text.splitlines() if line.strip())
        doc = json.loads(text)
        return len(doc.get("entry") or []) if doc.get("resourceType") == "Bundle" else 1
    except (ValueError, AttributeError):
        return 0


def parse_only(spark, folder: Path) -> tuple[float, int]:
    """Spark reads every file and parses its JSON, counting resources: the floor bronze is measured against."""
    started = time.monotonic()
    files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(str(folder))
    count = files.select("path", "content").rdd.map(lambda r: resources_in(bytes(r.content), r.path)).sum()
    return time.monotonic() - started, count


def bronze(spark, folder: Path, endpoint: str) -> tuple[float, int]:
    audit = AuditLog(f"bench-{uuid.uuid4().hex[:6]}", dynamodb_client(endpoint))
    audit.create_table_if_missing()
    with tempfile.TemporaryDirectory() as out:
        stores = BronzeStores(HudiStore(spark, f"{out}/bronze"), HudiStore(spark, f"{out}/quarantine"))
        started = time.monotonic()
        summary = run_bronze(spark, str(folder), stores, audit, "bench", datetime.now(UTC))
        return time.monotonic() - started, summary.records_written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=None, help="folder of raw FHIR files (default: Synthea)")
    folder = parser.parse_args().input or synthea()
    if not folder.is_dir():
        raise SystemExit(f"bronze bench: {folder} not found (set SHARED_DATA or pass --input)")
    files = data_files(folder)
    on_disk_mb = sum(p.stat().st_size for p in files) / 1e6
    json_mb = sum(len(gzip.decompress(p.read_bytes())) if p.name.endswith(".gz") else p.stat().st_size for p in files)
    json_mb /= 1e6
    spark = local_spark("bronze-bench")
    parse_only(spark, folder)  # warm-up: JVM, Python workers
    with moto_server() as endpoint:
        floor_s, entries = parse_only(spark, folder)
        bronze_s, written = bronze(spark, folder, endpoint)
    spark.stop()
    print(f"input: {folder}: {len(files)} files, {on_disk_mb:.1f} MB on disk, {json_mb:.1f} MB JSON")
    print(f"       {entries} resources")
    print(f"read+parse only : {floor_s:7.2f} s  {json_mb / floor_s:6.1f} MB/s  {entries / floor_s:9.0f} resources/s")
    print(f"bronze (Hudi)   : {bronze_s:7.2f} s  {json_mb / bronze_s:6.1f} MB/s  {written / bronze_s:9.0f} resources/s")
    print(f"overhead ratio  : {bronze_s / floor_s:.1f}x (target <= 4x)")


if __name__ == "__main__":
    main()
