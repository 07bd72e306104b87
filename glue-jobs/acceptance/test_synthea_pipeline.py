"""The whole local pipeline over the 100 Synthea bundles, checked against counts computed independently."""

from __future__ import annotations

import csv
import gzip
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from jobs.run_local import run_pipeline
from lakehouse.gold.prevalence import PREVALENCE_COLUMNS
from lakehouse.local.audit_server import moto_server

ROOT = Path(__file__).resolve().parents[2]


def totals_from_readme(readme: Path) -> dict[str, float]:
    """The independent KPI totals stated in ../shared/data/README.md."""
    text = " ".join(readme.read_text("utf-8").split())
    found = re.search(
        r"(\d[\d,]*) encounters, (\d[\d,]*) infection encounters, (\d[\d,]*) inpatient discharges, "
        r"(\d[\d,]*) inpatient deaths, "
        r"(\d[\d,]*) index discharges, (\d[\d,]*) readmissions within 30 days, mean length of stay ([\d.]+) days",
        text,
    )
    assert found, "the KPI totals sentence of ../shared/data/README.md changed"
    names = [
        "encounters",
        "infection_encounters",
        "inpatient_discharges",
        "inpatient_deaths",
        "index_discharges",
        "readmissions_30d",
    ]
    values = {n: int(found.group(i + 1).replace(",", "")) for i, n in enumerate(names)}
    values["avg_length_of_stay_days"] = float(found.group(7))
    return values


def resource_counts(folder: Path) -> Counter:
    """Entries per resource type, read with nothing but json and gzip (no project code)."""
    counts: Counter = Counter()
    for path in sorted(folder.glob("*.json.gz")):
        bundle = json.loads(gzip.decompress(path.read_bytes()))
        counts.update(entry["resource"]["resourceType"] for entry in bundle["entry"])
    return counts


@pytest.fixture(scope="module")
def run(shared_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("synthea-lake")
    with moto_server() as endpoint:
        stages = run_pipeline(str(shared_data / "synthea-r4"), str(out), endpoint)
    return out, stages


def test_bronze_ingests_every_synthea_resource_with_exact_counts_per_type(run, shared_data):
    _, stages = run
    expected = resource_counts(shared_data / "synthea-r4")
    assert stages["bronze"]["written_by_type"] == dict(expected)
    assert stages["bronze"]["records_quarantined"] == 0
    assert stages["bronze"]["records_read"] == sum(expected.values())


def test_kpi_monthly_csv_totals_equal_the_independent_totals(run, shared_data):
    out, _ = run
    expected = totals_from_readme(shared_data / "README.md")
    with open(out / "export" / "kpi_monthly.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    sums = {k: sum(int(r[k]) for r in rows) for k in expected if k != "avg_length_of_stay_days"}
    for key, value in sums.items():
        assert value == expected[key], key
    weighted = sum(
        float(r["avg_length_of_stay_days"]) * int(r["inpatient_discharges"])
        for r in rows
        if r["avg_length_of_stay_days"]
    )
    assert weighted / sums["inpatient_discharges"] == pytest.approx(expected["avg_length_of_stay_days"], abs=1e-3)


@pytest.fixture(scope="module")
def typescript_engine(shared_data):
    """The TypeScript implementation of docs/kpis.md (ingestion/kpi/, no Spark, no lake) over the same files."""
    command = [str(ROOT / "node_modules" / ".bin" / "ts-node"), "--transpile-only", "ingestion/kpi/cli.ts"]
    done = subprocess.run([*command, str(shared_data / "synthea-r4")], cwd=ROOT, check=True, capture_output=True)
    return json.loads(done.stdout)


def test_the_typescript_engine_gives_the_independent_totals(typescript_engine, shared_data):
    expected = totals_from_readme(shared_data / "README.md")
    got = typescript_engine["kpiTotals"]
    assert {k: got[k] for k in expected if k != "avg_length_of_stay_days"} == {
        k: v for k, v in expected.items() if k != "avg_length_of_stay_days"
    }
    assert got["avg_length_of_stay_days"] == pytest.approx(expected["avg_length_of_stay_days"], abs=1e-3)


def test_condition_prevalence_csv_equals_the_typescript_engine_row_for_row(run, typescript_engine):
    out, _ = run
    with open(out / "export" / "condition_prevalence.csv", newline="", encoding="utf-8") as handle:
        header, *lines = list(csv.reader(handle))
    assert header == PREVALENCE_COLUMNS
    counts = {"population", "patients_with_condition", "new_cases"}

    def typed(column: str, text: str):
        if column in counts:
            return int(text)
        if column in ("prevalence", "incidence"):
            return None if text == "" else float(text)
        return None if text == "" and column == "condition_display" else text

    got = sorted(tuple(typed(c, v) for c, v in zip(header, line, strict=True)) for line in lines)
    expected = sorted(tuple(r[c] for c in PREVALENCE_COLUMNS) for r in typescript_engine["prevalence"])
    assert len(got) > 1000
    assert got == expected
