"""publish_local end to end: a small gold kpi_monthly Hudi table -> exports, run as the CLI in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from lakehouse.hudi_options import hudi_options
from lakehouse.publish import load_views
from tests.publish.gold_rows import gold_frame, prevalence_frame

SCRIPT = Path(__file__).resolve().parents[1] / "jobs" / "publish_local.py"


def test_publish_local_reads_a_hudi_gold_table_and_writes_the_exports(spark, tmp_path):
    table = tmp_path / "gold" / "kpi_monthly"
    gold_frame(spark).write.format("hudi").options(**hudi_options("kpi_monthly", "kpi_key", "computed_at")).mode(
        "overwrite"
    ).save(str(table))
    prevalence = tmp_path / "gold" / "condition_prevalence"
    prevalence_frame(spark).write.format("hudi").options(
        **hudi_options("condition_prevalence", "prevalence_key", "computed_at")
    ).mode("overwrite").save(str(prevalence))
    out = tmp_path / "out"
    env = {**os.environ, "LAKEHOUSE_DRIVER_MEMORY": "1g"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--gold_path", str(table.parent), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # One CSV per view, the two restricted gold tables, views.json.
    assert f"wrote {len(load_views()) + 3} files" in done.stdout
    # The printed kpi_by_month table: a header and one line per month.
    assert [line.split()[0] for line in done.stdout.splitlines()[-4:]] == ["month", "2024-01", "2024-02", "2024-03"]
    views = json.loads((out / "export" / "views.json").read_text(encoding="utf-8"))
    assert len(views["kpi_monthly_published"]) == 6
    assert views["kpi_by_month"][0]["infection_rate"] == 4 / 11
    gold_csv = (out / "export" / "kpi_monthly.csv").read_text(encoding="utf-8").splitlines()
    assert len(gold_csv) == 7 and gold_csv[0].startswith("month,region,facility_id,encounters,")


def test_publish_local_refuses_a_folder_that_is_not_a_hudi_table(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--gold_path", str(tmp_path), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "is not a Hudi table (no .hoodie folder)" in done.stderr
