"""Glue job entrypoint: raw FHIR files -> bronze Hudi tables + quarantine, audited in DynamoDB."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from lakehouse.audit import AuditLog
from lakehouse.bronze.job import BronzePaths, run_bronze
from lakehouse.local.audit_server import dynamodb_client
from lakehouse.metrics import publish_quarantine_metric
from lakehouse.runtime import job_arguments, job_session, run_main
from lakehouse.summary import emit

REQUIRED = ["raw_path", "bronze_path", "quarantine_path", "audit_table"]
OPTIONAL = ["JOB_NAME", "run_id", "catalog_database", "audit_endpoint_url", "audit_ttl_days", "metrics_namespace"]


def main(argv: list[str]) -> int:
    args = job_arguments(argv, REQUIRED, OPTIONAL)
    run_id = args["run_id"] or f"bronze-{uuid.uuid4()}"
    audit = AuditLog(
        args["audit_table"], dynamodb_client(args["audit_endpoint_url"]), int(args["audit_ttl_days"] or 365)
    )
    if args["audit_endpoint_url"]:
        audit.create_table_if_missing()  # a local stand-in starts empty; on AWS Pulumi owns the table
    paths = BronzePaths(args["raw_path"], args["bronze_path"], args["quarantine_path"])
    with job_session("bronze", argv) as spark:
        summary = run_bronze(spark, paths, audit, run_id, datetime.now(UTC), args["catalog_database"])
    emit("bronze", summary)
    if args["metrics_namespace"]:
        # The Glue job name (unique per stack) is the dimension the stack's data-quality alarm watches.
        publish_quarantine_metric(args["metrics_namespace"], args["JOB_NAME"] or "bronze", summary.records_quarantined)
    return 0


if __name__ == "__main__":
    run_main(main)
