"""The hostile corpus (corpus.py, README.md) through the local pipeline as users run it: no crash and no hang,
every record read written or quarantined with its reason and field, counts adding up, entries that are not files
left out and counted, no PHI in any reason or summary, and gold month by month equal to a run over the plain
folder the hostile one means."""

from __future__ import annotations

import csv
import faulthandler
import json

import pytest

from jobs.run_local import run_pipeline
from lakehouse.local.audit_server import moto_server
from tests.hostile.corpus import PHI_MARKER, write

HANG_LIMIT_SECONDS = 900  # a FIFO opened for reading would block forever: fail loudly instead


def export(out, name: str) -> list[dict]:
    with open(out / "export" / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = write(root / "raw", root / "plain")
    faulthandler.dump_traceback_later(HANG_LIMIT_SECONDS, exit=True)
    try:
        with moto_server() as endpoint:
            hostile = run_pipeline(str(root / "raw"), str(root / "lake"), endpoint)
            plain = run_pipeline(str(root / "plain"), str(root / "plain-lake"), endpoint)
    finally:
        faulthandler.cancel_dump_traceback_later()
    return corpus, root, hostile, plain


def test_every_record_is_written_or_quarantined_and_the_counts_add_up(runs):
    corpus, _, hostile, _ = runs
    bronze = hostile["bronze"]
    assert bronze["records_read"] == bronze["records_written"] + bronze["records_quarantined"]
    assert bronze["records_written"] == corpus.valid_records
    assert bronze["records_quarantined"] == len(corpus.quarantined)


def test_entries_that_are_not_files_are_left_out_and_counted(runs):
    corpus, _, hostile, _ = runs
    assert hostile["bronze"]["not_read_by_reason"] == corpus.not_read
    assert hostile["bronze"]["entries_not_read"] == sum(corpus.not_read.values())


def test_each_bad_record_is_quarantined_with_its_reason_and_field(spark, runs):
    corpus, root, _, _ = runs
    table = spark.read.format("hudi").load(str(root / "lake" / "quarantine" / "quarantine"))
    found = [(r.reason, r.field) for r in table.select("reason", "field").collect()]
    for kind, (reason, field) in corpus.quarantined.items():
        assert any(reason in r and f == field for r, f in found), f"{kind}: {found}"


def test_no_reason_or_summary_repeats_patient_data(spark, runs):
    _, root, hostile, _ = runs
    table = spark.read.format("hudi").load(str(root / "lake" / "quarantine" / "quarantine"))
    reasons = " ".join(r.reason + (r.field or "") for r in table.select("reason", "field").collect())
    assert PHI_MARKER not in reasons
    assert PHI_MARKER not in json.dumps(hostile, default=str)


def test_out_of_range_times_are_null_and_counted(runs):
    _, _, hostile, _ = runs
    assert hostile["silver"]["times_out_of_range"] == {"encounter": 2}


def test_gold_equals_the_plain_folder_month_by_month(runs):
    _, root, _, _ = runs
    for name in ("kpi_monthly.csv",):
        assert export(root / "lake", name) == export(root / "plain-lake", name)
    months = {r["month"]: r for r in export(root / "lake", "kpi_monthly.csv")}
    # The 1889 stay of a patient born in 1880 is there (no ancient-datetime error); no month outside the range.
    assert "1889-12" in months and all("1800" <= m[:4] < "2200" for m in months)
    assert months["1889-12"]["inpatient_deaths"] == "1" or months.get("1890-03", {}).get("inpatient_deaths") == "1"
