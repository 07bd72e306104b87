"""Glue job entrypoint: silver -> gold kpi_monthly and condition_prevalence (docs/kpis.md), upserted into Hudi."""

from __future__ import annotations

from lakehouse.gold.job import GoldRun, run_gold
from lakehouse.job_run import start_run
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.runs import RunRecorder
from lakehouse.runtime import job_session, run_main


def main(argv: list[str]) -> int:
    run = start_run("gold", argv)
    with job_session("gold", argv) as spark:
        silver = HudiStore(spark, run.args["silver_path"])
        gold = HudiStore(spark, run.args["gold_path"], run.args.get("catalog_database"))
        with RunRecorder(run.audit, "gold", run.run_id) as record:
            summary = run_gold(GoldRun(silver, gold, run.now, full_refresh=run.flag("full_refresh")))
            record.succeeded(summary)
    run.finish(summary)
    return 0


if __name__ == "__main__":
    run_main(main)
