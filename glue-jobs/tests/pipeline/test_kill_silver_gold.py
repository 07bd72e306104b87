"""Crash safety of the incremental silver and gold jobs: a lake that has run once receives a second batch in
bronze; the silver job, then the gold job, each a real Glue entrypoint in its own process, is killed with SIGKILL
at a random point of its writes (after a random number of Hudi commits started, plus a random delay), and rerun.
Silver and gold must then equal a full refresh from the same bronze, row for row. A trial takes minutes on two
cores, so `npm test` runs one; LAKEHOUSE_KILL_TRIALS=N runs N, and bench/crash_bench.py runs 10."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lakehouse.bronze.job import BronzeStores, ingest
from lakehouse.bronze.listing import list_raw_files
from lakehouse.gold.job import GoldRun, run_gold
from lakehouse.gold.tables import CONDITION_FACTS, CONDITION_PREVALENCE, ENCOUNTER_FACTS, KPI_MONTHLY
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.silver.flatten import DERIVED, load_views
from lakehouse.silver.job import SilverRun, run_silver
from lakehouse.silver.tables import LATEST, UPDATED_AT, view_table
from tests.pipeline.kill import commits_started, kill_after
from tests.pipeline.test_incremental_equals_full import LATER
from tests.pipeline.test_local_pipeline import FEED

JOBS = Path(__file__).resolve().parents[2] / "jobs"
TRIALS = int(os.environ.get("LAKEHOUSE_KILL_TRIALS", "1"))
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def tables() -> list[tuple[str, object, str]]:
    silver = [("silver", view_table(n), UPDATED_AT) for n in [*load_views(), *DERIVED]] + [
        ("silver", LATEST, UPDATED_AT)
    ]
    gold = [("gold", s, "computed_at") for s in (KPI_MONTHLY, CONDITION_PREVALENCE, ENCOUNTER_FACTS, CONDITION_FACTS)]
    return silver + gold


def contents(spark, lake: Path) -> dict[str, list[str]]:
    out = {}
    for zone, spec, drop in tables():
        frame = HudiStore(spark, str(lake / zone)).read(spec)
        rows = [] if frame is None else frame.drop(drop).collect()
        out[f"{zone}/{spec.name}"] = sorted(json.dumps(r.asDict(), sort_keys=True, default=str) for r in rows)
    return out


def write_batch(raw: Path, files: dict) -> list:
    raw.mkdir(parents=True)
    for name, content in files.items():
        (raw / name).write_text(json.dumps(content), encoding="utf-8")
    return list_raw_files(str(raw))


@pytest.fixture(scope="module")
def prepared(spark, tmp_path_factory):
    """A lake after one complete run and a second batch ingested into bronze; the full refresh it must equal;
    how many commits each job makes on the second batch (the range the kills are drawn from)."""
    root = tmp_path_factory.mktemp("kill")
    lake = root / "template"
    stores = {z: HudiStore(spark, str(lake / z)) for z in ("bronze", "quarantine", "silver", "gold")}
    bronze = BronzeStores(stores["bronze"], stores["quarantine"])
    ingest(spark, write_batch(root / "raw1", FEED), bronze, "run1", NOW)
    run_silver(SilverRun(stores["bronze"], stores["silver"], NOW))
    run_gold(GoldRun(stores["silver"], stores["gold"], NOW))
    ingest(spark, write_batch(root / "raw2", LATER), bronze, "run2", NOW + timedelta(hours=1))

    clean = root / "clean"
    shutil.copytree(lake, clean)
    before = {z: commits_started(clean / z) for z in ("silver", "gold")}
    clean_stores = {z: HudiStore(spark, str(clean / z)) for z in ("bronze", "silver", "gold")}
    run_silver(SilverRun(clean_stores["bronze"], clean_stores["silver"], NOW))
    run_gold(GoldRun(clean_stores["silver"], clean_stores["gold"], NOW))
    writes = {z: commits_started(clean / z) - before[z] for z in ("silver", "gold")}

    full = root / "full"
    shutil.copytree(lake / "bronze", full / "bronze")
    full_stores = {z: HudiStore(spark, str(full / z)) for z in ("bronze", "silver", "gold")}
    run_silver(SilverRun(full_stores["bronze"], full_stores["silver"], NOW, full_refresh=True))
    run_gold(GoldRun(full_stores["silver"], full_stores["gold"], NOW, full_refresh=True))
    assert contents(spark, clean) == contents(spark, full), "an uninterrupted incremental run equals the full one"
    return lake, contents(spark, full), writes


@pytest.mark.parametrize("trial", range(TRIALS))
def test_silver_and_gold_killed_at_random_then_rerun_equal_a_full_refresh(spark, tmp_path, prepared, trial):
    template, expected, writes = prepared
    lake = tmp_path / "lake"
    shutil.copytree(template, lake)
    rng = random.Random(f"kill-{trial}")
    silver_point, gold_point = rng.randint(1, writes["silver"]), rng.randint(1, writes["gold"])
    python, paths = sys.executable, {z: str(lake / z) for z in ("bronze", "silver", "gold")}
    silver_job = [
        python,
        str(JOBS / "silver_job.py"),
        "--bronze_path",
        paths["bronze"],
        "--silver_path",
        paths["silver"],
    ]
    gold_job = [python, str(JOBS / "gold_job.py"), "--silver_path", paths["silver"], "--gold_path", paths["gold"]]

    killed = [kill_after(silver_job, lambda: commits_started(lake / "silver"), silver_point, rng.uniform(0, 1.5))]
    subprocess.run(silver_job, check=True, capture_output=True)
    killed.append(kill_after(gold_job, lambda: commits_started(lake / "gold"), gold_point, rng.uniform(0, 1.5)))
    subprocess.run(gold_job, check=True, capture_output=True)

    assert any(killed), (
        f"trial {trial}: neither job was killed before it finished (points {silver_point}, {gold_point})"
    )
    assert contents(spark, lake) == expected, (
        f"trial {trial}: killed at silver commit {silver_point}, gold {gold_point}"
    )
