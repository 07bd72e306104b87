"""Data from `npm run generate-fhir --changes` through the local pipeline: gold equals the generator's own KPI
totals (an independent TypeScript implementation of docs/kpis.md), with versions, deletes and malformed files."""

import csv
import json
import subprocess
from pathlib import Path

import pytest

from jobs.run_local import run_pipeline
from lakehouse.gold.kpi import COUNT_COLUMNS
from lakehouse.local.audit_server import moto_server

ROOT = Path(__file__).resolve().parents[3]
COUNTS = COUNT_COLUMNS


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    raw, out = tmp_path_factory.mktemp("gen-raw"), tmp_path_factory.mktemp("gen-lake")
    command = [
        str(ROOT / "node_modules" / ".bin" / "ts-node"),
        "--transpile-only",
        "ingestion/generator/cli/generate-fhir.ts",
    ]
    subprocess.run(
        [*command, "--patients", "300", "--seed", "11", "--changes", "--out", str(raw)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    manifest = json.loads((raw / "_manifest.json").read_text("utf-8"))
    with moto_server() as endpoint:
        stages = run_pipeline(str(raw), str(out), endpoint)
    return manifest, stages, export_rows(out, "kpi_monthly.csv"), export_rows(out, "condition_prevalence.csv")


def export_rows(out: Path, name: str) -> list[dict]:
    with open(out / "export" / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_gold_counts_equal_the_manifest_kpi_totals(generated):
    manifest, _, rows, _ = generated
    assert {k: sum(int(r[k]) for r in rows) for k in COUNTS} == {k: manifest["kpiTotals"][k] for k in COUNTS}


def test_gold_length_of_stay_equals_the_manifest(generated):
    manifest, _, rows, _ = generated
    discharges = sum(int(r["inpatient_discharges"]) for r in rows)
    total_days = sum(
        float(r["avg_length_of_stay_days"]) * int(r["inpatient_discharges"])
        for r in rows
        if r["avg_length_of_stay_days"]
    )
    assert total_days / discharges == pytest.approx(manifest["kpiTotals"]["avg_length_of_stay_days"], abs=1e-4)


def test_malformed_change_files_are_quarantined_and_counts_add_up(generated):
    _, stages, _, _ = generated
    bronze = stages["bronze"]
    assert bronze["records_quarantined"] > 0
    assert bronze["records_read"] == bronze["records_written"] + bronze["records_quarantined"]


def test_gold_prevalence_equals_the_manifest_prevalence_totals(generated):
    manifest, _, _, rows = generated
    got = {
        "rows": len(rows),
        "population_summed_over_rows": sum(int(r["population"]) for r in rows),
        "patients_with_condition": sum(int(r["patients_with_condition"]) for r in rows),
        "new_cases": sum(int(r["new_cases"]) for r in rows),
    }
    assert got == manifest["prevalenceTotals"]
    assert got["rows"] > 50 and got["new_cases"] > 0
