"""Glue job entrypoint: silver -> gold kpi_monthly (KPIS.md), upserted into Hudi."""

from __future__ import annotations

from datetime import UTC, datetime

from lakehouse.gold.job import run_gold
from lakehouse.gold.value_set import load_value_set
from lakehouse.runtime import job_arguments, job_session, run_main
from lakehouse.summary import emit


def main(argv: list[str]) -> int:
    args = job_arguments(argv, ["silver_path", "gold_path"], ["catalog_database", "infection_value_set"])
    value_set = load_value_set(args["infection_value_set"])
    with job_session("gold", argv) as spark:
        summary = run_gold(
            spark, args["silver_path"], args["gold_path"], datetime.now(UTC), value_set, args["catalog_database"]
        )
    emit("gold", summary)
    return 0


if __name__ == "__main__":
    run_main(main)
