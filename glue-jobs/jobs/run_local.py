"""The local pipeline: bronze, silver, gold and the published views on one local Spark session, no AWS.

The lake folder (--out) persists: its audit log (dynalite, started and stopped here on 127.0.0.1, data in
<out>/.audit) remembers what was ingested, so a rerun takes only new and changed files and updates silver and gold
incrementally. Prints one JSON line per stage and writes <out>/run-summary.json.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from contextlib import nullcontext

from pyspark.sql import SparkSession

from lakehouse.local.dynalite import dynalite_server
from lakehouse.local.pipeline import LocalLake, run_stages
from lakehouse.spark_session import local_spark


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw", required=True, help="folder of raw FHIR files (.json, .ndjson, .gz)")
    parser.add_argument("--out", required=True, help="the lake folder: bronze/, silver/, gold/, export/, .audit/")
    parser.add_argument("--full-refresh", action="store_true", help="recompute silver and gold from all of bronze")
    parser.add_argument("--audit-endpoint", default=None, help="a running DynamoDB stand-in; default: dynalite here")
    return parser.parse_args(argv)


def run_pipeline(raw: str, out: str, audit_endpoint: str | None = None, full_refresh: bool = False) -> dict:
    """Runs every stage on the lake at `out`; returns {stage: summary dict} with seconds per stage."""
    lake = LocalLake(out)
    os.makedirs(out, exist_ok=True)
    server = nullcontext(audit_endpoint) if audit_endpoint else dynalite_server(lake.audit_dir)
    started = time.monotonic()
    # A caller's session (tests, benches) is reused and left running; one started here is stopped here.
    owned = SparkSession.getActiveSession() is None
    with server as endpoint:
        spark = local_spark("fhir-lakehouse-local")
        stages: dict[str, dict] = {"spark_start": {"seconds": time.monotonic() - started}}
        try:
            stages.update(run_stages(spark, raw, lake, endpoint, full_refresh))
        finally:
            if owned:
                spark.stop()
    return stages


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stages = run_pipeline(args.raw, args.out, args.audit_endpoint, args.full_refresh)
    with open(os.path.join(args.out, "run-summary.json"), "w", encoding="utf-8") as handle:
        json.dump(stages, handle, indent=2, default=str)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
