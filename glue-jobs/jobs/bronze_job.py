"""Glue job entrypoint: raw FHIR files -> bronze Hudi tables + quarantine, audited in DynamoDB."""

from __future__ import annotations

from lakehouse.bronze.job import BronzeStores, run_bronze
from lakehouse.job_run import start_run
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.runs import RunRecorder
from lakehouse.runtime import job_session, run_main


def main(argv: list[str]) -> int:
    run = start_run("bronze", argv)
    if run.audit is None:
        raise ValueError("bronze: --audit_table is required (the audit log is what makes ingestion exactly once)")
    database = run.args.get("catalog_database")
    with job_session("bronze", argv) as spark:
        stores = BronzeStores(
            HudiStore(spark, run.args["bronze_path"], database), HudiStore(spark, run.args["quarantine_path"], database)
        )
        with RunRecorder(run.audit, "bronze", run.run_id) as record:
            summary = run_bronze(spark, run.args["raw_path"], stores, run.audit, run.run_id, run.now)
            record.succeeded(summary)
    run.finish(summary)
    return 0


if __name__ == "__main__":
    run_main(main)
