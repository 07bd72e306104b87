"""Glue job entrypoint: bronze version history -> silver tables (latest version, flattened by ViewDefinitions)."""

from __future__ import annotations

from lakehouse.job_run import start_run
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.runs import RunRecorder
from lakehouse.runtime import job_session, run_main
from lakehouse.silver.job import SilverRun, run_silver


def main(argv: list[str]) -> int:
    run = start_run("silver", argv)
    with job_session("silver", argv) as spark:
        bronze = HudiStore(spark, run.args["bronze_path"])
        silver = HudiStore(spark, run.args["silver_path"], run.args.get("catalog_database"))
        with RunRecorder(run.audit, "silver", run.run_id) as record:
            summary = run_silver(SilverRun(bronze, silver, run.now, run.flag("full_refresh")))
            record.succeeded(summary)
    run.finish(summary)
    return 0


if __name__ == "__main__":
    run_main(main)
