"""Crash safety of the local runner (`jobs/run_local.py`, what `npm run lakehouse` runs): a run on a new lake is
killed with SIGKILL at a random point (after a random number of Hudi commits started anywhere in the lake, bronze
included, plus a random delay: so also during a table's first commit), then rerun on the same paths. The lake
must then hold what an uninterrupted run writes, table by table and row by row, and the rerun must start at all:
its audit log's dynalite, orphaned by the kill, must have let go of its LevelDB lock. `npm test` runs
LAKEHOUSE_KILL_TRIALS (default 2) trials; bench/crash_bench.py runs 10."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from jobs.run_local import run_pipeline
from lakehouse.bronze.tables import QUARANTINE, RESOURCES
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.silver.tables import LATEST, UPDATED_AT
from tests.pipeline.kill import commits_started, kill_after
from tests.pipeline.test_incremental_equals_full import LATER
from tests.pipeline.test_kill_silver_gold import contents
from tests.pipeline.test_local_pipeline import FEED

RUNNER = Path(__file__).resolve().parents[2] / "jobs" / "run_local.py"
TRIALS = int(os.environ.get("LAKEHOUSE_KILL_TRIALS", "2"))
RUN_COLUMNS = ("ingested_at", "run_id")  # differ between any two runs by design


def lake_contents(spark, lake: Path) -> dict[str, list[str]]:
    """Silver and gold without their computed-at columns; bronze, quarantine and silver's latest-version index
    without run columns (that index orders versions by ingestion time last, so its order key holds it too)."""
    out = contents(spark, lake)
    del out[f"silver/{LATEST.name}"]
    for zone, spec in (("bronze", RESOURCES), ("quarantine", QUARANTINE), ("silver", LATEST)):
        frame = HudiStore(spark, str(lake / zone)).read(spec)
        rows = [] if frame is None else frame.drop(*RUN_COLUMNS, "version_order", UPDATED_AT).collect()
        out[f"{zone}/{spec.name}"] = sorted(json.dumps(r.asDict(), sort_keys=True, default=str) for r in rows)
    return out


@pytest.fixture(scope="module")
def prepared(spark, tmp_path_factory):
    """A raw folder (both batches of the pipeline tests, a malformed file among them), what an uninterrupted run
    writes from it, and how many commits that run starts (the range kills are drawn from)."""
    root = tmp_path_factory.mktemp("kill-local")
    raw = root / "raw"
    raw.mkdir()
    for name, content in {**FEED, **LATER}.items():
        (raw / name).write_text(json.dumps(content), encoding="utf-8")
    (raw / "99-truncated.json").write_text('{"resourceType":"Bundle","entry":[', encoding="utf-8")
    clean = root / "clean"
    run_pipeline(str(raw), str(clean))
    return raw, lake_contents(spark, clean), commits_started(clean, depth=2)


@pytest.mark.parametrize("trial", range(TRIALS))
def test_local_runner_killed_at_random_then_rerun_equals_an_uninterrupted_run(spark, tmp_path, prepared, trial):
    raw, expected, commits = prepared
    lake = tmp_path / "lake"
    rng = random.Random(f"kill-local-{trial}")
    point, delay = rng.randint(1, commits), rng.uniform(0, 1.0)
    command = [sys.executable, str(RUNNER), "--raw", str(raw), "--out", str(lake)]
    killed = kill_after(command, lambda: commits_started(lake, depth=2), point, delay)
    assert killed, f"trial {trial}: the run ended before commit {point}"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, f"trial {trial}: rerun after a kill at commit {point} failed:\n{rerun.stderr[-3000:]}"
    assert lake_contents(spark, lake) == expected, f"trial {trial}: killed at commit {point} of {commits}"
