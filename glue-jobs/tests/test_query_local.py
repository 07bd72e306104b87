"""`npm run query -- --lake DIR` end to end: the TypeScript CLI, query_local.py and Spark over a small gold lake.
The same Trino SQL Athena would run; the rows equal the views run in-process."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from lakehouse.hudi_options import hudi_options
from lakehouse.publish import run_views
from tests.publish.gold_rows import gold_tables

REPO = Path(__file__).resolve().parents[2]
KEYS = {"kpi_monthly": "kpi_key", "condition_prevalence": "prevalence_key"}


@pytest.fixture(scope="module")
def lake(spark, tmp_path_factory):
    root = tmp_path_factory.mktemp("lake")
    for name, frame in gold_tables(spark).items():
        options = hudi_options(name, KEYS[name], "computed_at")
        frame.write.format("hudi").options(**options).mode("overwrite").save(str(root / "gold" / name))
    return root


def query(lake, sql, fmt="json"):
    command = ["node", "node_modules/.bin/ts-node", "--transpile-only", "ops/query/cli.ts", "--lake", str(lake)]
    env = {**os.environ, "LAKEHOUSE_DRIVER_MEMORY": "1g"}
    return subprocess.run(
        [*command, sql, "--format", fmt], cwd=REPO, capture_output=True, text=True, env=env, timeout=300
    )


def test_a_published_view_through_the_cli_equals_the_view_run_in_process(spark, lake):
    sql = "select * from condition_prevalence_published order by year, region, condition_code"
    done = query(lake, sql)
    assert done.returncode == 0, done.stderr[-3000:]
    expected = run_views(spark, gold_tables(spark))["condition_prevalence_published"]
    rows = sorted((r.asDict() for r in expected.collect()), key=lambda r: (r["year"], r["region"], r["condition_code"]))
    assert json.loads(done.stdout) == rows


def test_trino_functions_and_a_table_as_people_read_it(lake):
    sql = (
        "select region, cast(sum(encounters) as bigint) as encounters, count_if(suppressed) as suppressed_cells "
        "from kpi_monthly_published group by region order by region"
    )
    done = query(lake, sql, "table")
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines() == [
        "region  encounters  suppressed_cells",
        "------  ----------  ----------------",
        "east             5                 1",
        "north           12                 2",
        "south           21                 1",
        "(3 rows)",
    ]


def test_bad_sql_is_reported_with_spark_s_message_and_no_traceback(lake):
    done = query(lake, "select nope from kpi_monthly")
    assert done.returncode == 1
    assert "query: query_local: [UNRESOLVED_COLUMN" in done.stderr and "Traceback" not in done.stderr
