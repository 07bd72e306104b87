"""An incremental lake equals a full recomputation: files arriving over three runs (new versions, a late old
version, a delete, an encounter moved to another patient) give the same silver and gold as one run over them all."""

import json

import pytest
from chispa import assert_df_equality

from jobs.run_local import run_pipeline
from lakehouse.gold.tables import CONDITION_FACTS, CONDITION_PREVALENCE, ENCOUNTER_FACTS, KPI_MONTHLY
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.silver.flatten import DERIVED, load_views
from lakehouse.silver.tables import UPDATED_AT, view_table
from tests.pipeline.test_local_pipeline import FACILITY, FEED, PNEUMONIA, bundle, encounter

SECOND_PATIENT = {
    "resourceType": "Patient",
    "id": "p2",
    "meta": {"lastUpdated": "2024-01-01T00:00:00Z"},
    "address": [{"country": "Kenya", "state": "Nairobi"}],
    "birthDate": "1980-01-01",
}
MOVED = {**encounter("e1", "IMP", "2024-01-10T10:00:00+02:00", "2024-01-14T08:00:00Z", "2024-04-01T00:00:00Z")}
MOVED["subject"] = {"reference": "Patient/p2"}
LATER = {
    # e1 moves to p2 with a longer stay; the pneumonia is re-coded; e5 is deleted.
    "05-moved.json": bundle(
        SECOND_PATIENT,
        FACILITY,
        MOVED,
        {**PNEUMONIA, "meta": {"lastUpdated": "2024-04-01T00:00:00Z"}, "subject": {"reference": "Patient/p2"}},
        deletes=("Encounter/e5",),
        timestamp="2024-04-02T00:00:00Z",
    ),
}
RUNS = [["01-first.json", "02-second.json"], ["03-late-old-version.json", "04-delete.json"], ["05-moved.json"]]
GOLD = (KPI_MONTHLY, CONDITION_PREVALENCE, ENCOUNTER_FACTS, CONDITION_FACTS)


def rows(store: HudiStore, spec, drop: str) -> list[dict]:
    frame = store.read(spec)
    return sorted(json.dumps(r.asDict(), sort_keys=True, default=str) for r in frame.drop(drop).collect())


def assert_same_table(incremental: HudiStore, full: HudiStore, spec, drop: str) -> None:
    """Whole-frame equality (schema and rows, in any order) but for the column that records when it was written."""
    assert_df_equality(
        incremental.read(spec).drop(drop), full.read(spec).drop(drop), ignore_row_order=True, ignore_nullable=True
    )


@pytest.fixture(scope="module")
def lakes(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    incremental, full = tmp_path_factory.mktemp("incremental"), tmp_path_factory.mktemp("full")
    files = {**FEED, **LATER}
    summaries = []
    # Each lake has its own audit log (dynalite, data inside the lake), as `npm run lakehouse` runs it.
    for names in RUNS:
        for name in names:
            (raw / name).write_text(json.dumps(files[name]), encoding="utf-8")
        summaries.append(run_pipeline(str(raw), str(incremental)))
    run_pipeline(str(raw), str(full))
    return incremental, full, summaries


def test_the_later_runs_were_incremental_and_touched_only_what_arrived(lakes):
    _, _, summaries = lakes
    assert [s["gold"]["full_refresh"] for s in summaries] == [True, False, False]
    assert [s["bronze"]["files_ingested"] for s in summaries] == [2, 2, 1]
    assert summaries[2]["gold"]["patients_recomputed"] == 2  # p1 lost e1, p2 gained it


def test_silver_and_gold_equal_one_run_over_all_files(spark, lakes):
    inc_silver, full_silver = HudiStore(spark, str(lakes[0] / "silver")), HudiStore(spark, str(lakes[1] / "silver"))
    for name in [*load_views(), *DERIVED]:
        assert_same_table(inc_silver, full_silver, view_table(name), UPDATED_AT)
    inc_gold, full_gold = HudiStore(spark, str(lakes[0] / "gold")), HudiStore(spark, str(lakes[1] / "gold"))
    for spec in GOLD:
        assert_same_table(inc_gold, full_gold, spec, "computed_at")
    assert len(rows(inc_gold, KPI_MONTHLY, "computed_at")) >= 2
    assert len(rows(inc_silver, view_table("condition"), UPDATED_AT)) == 1
