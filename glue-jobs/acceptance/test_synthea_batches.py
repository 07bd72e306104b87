"""The 100 Synthea bundles delivered in 5 batches, in shuffled order, each followed by an incremental run of the
whole pipeline on one persistent lake: the last run's KPI export holds exactly the independent totals of
../shared/data/README.md and equals, row for row, a --full-refresh of silver and gold from the same bronze."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from acceptance.test_synthea_pipeline import totals_from_readme
from jobs.run_local import run_pipeline
from lakehouse.local.audit_server import moto_server

BATCHES = 5


def read_exports(lake: Path) -> dict[str, list[dict[str, str]]]:
    """Every CSV export (kpi_monthly.csv and one per Athena view), rows in a stable order."""
    out = {}
    for path in sorted((lake / "export").glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            out[path.name] = sorted(csv.DictReader(handle), key=lambda r: sorted(r.items()))
    return out


@pytest.fixture(scope="module")
def runs(shared_data, tmp_path_factory):
    """Runs after each batch (raw files are links to the shared sample, never copies), then a full refresh."""
    files = sorted((shared_data / "synthea-r4").glob("*.json.gz"))
    random.Random("synthea-batches").shuffle(files)
    raw, lake = tmp_path_factory.mktemp("synthea-raw"), tmp_path_factory.mktemp("synthea-batched-lake")
    summaries = []
    with moto_server() as endpoint:
        for batch in range(BATCHES):
            for path in files[batch::BATCHES]:
                (raw / path.name).symlink_to(path)
            summaries.append(run_pipeline(str(raw), str(lake), endpoint))
        incremental = read_exports(lake)
        summaries.append(run_pipeline(str(raw), str(lake), endpoint, full_refresh=True))
    return files, summaries, incremental, read_exports(lake)


def test_each_batch_ingests_only_its_own_files(runs):
    files, summaries, _, _ = runs
    ingested = [s["bronze"]["files_ingested"] for s in summaries[:BATCHES]]
    assert ingested == [len(files[b::BATCHES]) for b in range(BATCHES)]
    assert summaries[BATCHES]["bronze"]["files_ingested"] == 0, "the full refresh re-reads bronze, not raw"


def test_later_runs_are_incremental(runs):
    _, summaries, _, _ = runs
    assert [s["gold"]["full_refresh"] for s in summaries[1:BATCHES]] == [False] * (BATCHES - 1)
    assert summaries[BATCHES]["gold"]["full_refresh"] is True
    assert all(s["silver"]["resources_changed"] > 0 for s in summaries[:BATCHES]), "every batch brought resources"


def test_batched_kpis_equal_the_independent_totals(runs, shared_data):
    _, _, incremental, _ = runs
    expected = totals_from_readme(shared_data / "README.md")
    rows = incremental["kpi_monthly.csv"]
    sums = {k: sum(int(r[k]) for r in rows) for k in expected if k != "avg_length_of_stay_days"}
    assert sums == {k: v for k, v in expected.items() if k != "avg_length_of_stay_days"}
    weighted = sum(
        float(r["avg_length_of_stay_days"]) * int(r["inpatient_discharges"])
        for r in rows
        if r["avg_length_of_stay_days"]
    )
    assert weighted / sums["inpatient_discharges"] == pytest.approx(expected["avg_length_of_stay_days"], abs=1e-3)


def test_batched_exports_equal_a_full_refresh(runs):
    _, _, incremental, full = runs
    assert "kpi_monthly.csv" in incremental and len(incremental) > 1, "the KPI export and the view exports"
    assert incremental.keys() == full.keys()
    for name, rows in incremental.items():
        assert rows == full[name], name
