"""The local pipeline: bronze, silver, gold and the published views on one local Spark session, no AWS.

The DynamoDB audit log is moto in server mode on 127.0.0.1, started and stopped here. Prints one JSON line per
stage (counts and seconds) and writes <out>/run-summary.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import time
import uuid
from datetime import UTC, datetime

from pyspark.sql import SparkSession

from lakehouse.audit import AuditLog
from lakehouse.bronze.job import BronzePaths, run_bronze
from lakehouse.gold.job import run_gold
from lakehouse.local.audit_server import dynamodb_client, moto_server
from lakehouse.silver.job import run_silver
from lakehouse.spark_session import local_spark
from lakehouse.summary import emit

AUDIT_TABLE = "fhir-lakehouse-audit"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw", required=True, help="folder of raw FHIR files (.json, .ndjson, .gz)")
    parser.add_argument("--out", required=True, help="folder for the lake: bronze/, silver/, gold/, export/")
    parser.add_argument(
        "--audit-endpoint", default=None, help="an already running DynamoDB stand-in; default: start moto here"
    )
    return parser.parse_args(argv)


def run_pipeline(raw: str, out: str, audit_endpoint: str) -> dict:
    """Runs every stage; returns {stage: summary dict} with seconds per stage."""
    lake = {zone: os.path.join(out, zone) for zone in ("bronze", "silver", "gold", "quarantine")}
    audit = AuditLog(AUDIT_TABLE, dynamodb_client(audit_endpoint))
    audit.create_table_if_missing()
    stages: dict[str, dict] = {}
    started = time.monotonic()
    # A caller's session (tests, benches) is reused and left running; one started here is stopped here.
    owned = SparkSession.getActiveSession() is None
    spark = local_spark("fhir-lakehouse-local")
    stages["spark_start"] = {"seconds": time.monotonic() - started}
    try:
        now = datetime.now(UTC)
        run_id = f"local-{uuid.uuid4()}"
        bronze = run_bronze(spark, BronzePaths(raw, lake["bronze"], lake["quarantine"]), audit, run_id, now)
        emit("bronze", bronze)
        silver = run_silver(spark, lake["bronze"], lake["silver"], now)
        emit("silver", silver)
        gold = run_gold(spark, lake["silver"], lake["gold"], now)
        emit("gold", gold)
        stages.update(
            {
                "bronze": dataclasses.asdict(bronze),
                "silver": dataclasses.asdict(silver),
                "gold": dataclasses.asdict(gold),
            }
        )
        stages["publish"] = publish(spark, lake["gold"], out)
    finally:
        if owned:
            spark.stop()
    return stages


def publish(spark, gold_root: str, out: str) -> dict:
    """Runs the Athena views over gold and writes the exports (lakehouse.publish)."""
    from lakehouse.publish.local import publish_gold

    started = time.monotonic()
    files = publish_gold(spark, os.path.join(gold_root, "kpi_monthly"), out)
    return {"files": files, "seconds": time.monotonic() - started}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    if args.audit_endpoint:
        stages = run_pipeline(args.raw, args.out, args.audit_endpoint)
    else:
        with moto_server() as endpoint:
            stages = run_pipeline(args.raw, args.out, endpoint)
    with open(os.path.join(args.out, "run-summary.json"), "w", encoding="utf-8") as handle:
        json.dump(stages, handle, indent=2, default=str)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
