"""Glue job entrypoint: bronze version history -> silver tables (latest version, flattened by ViewDefinitions)."""

from __future__ import annotations

from datetime import UTC, datetime

from lakehouse.runtime import job_arguments, job_session, run_main
from lakehouse.silver.job import run_silver
from lakehouse.summary import emit


def main(argv: list[str]) -> int:
    args = job_arguments(argv, ["bronze_path", "silver_path"], ["catalog_database"])
    with job_session("silver", argv) as spark:
        summary = run_silver(
            spark, args["bronze_path"], args["silver_path"], datetime.now(UTC), args["catalog_database"]
        )
    emit("silver", summary)
    return 0


if __name__ == "__main__":
    run_main(main)
