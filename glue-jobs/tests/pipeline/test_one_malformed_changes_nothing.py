"""Shape before schema, as a property over the whole pipeline: 200 malformed resources drawn by hypothesis (one
element each with a broken R4 shape, tests/bronze/malformed.py), each a later version of a valid resource, are
added to a valid lake. Every one is quarantined, and every silver table and gold's KPI and prevalence rows equal
those of the valid lake alone, row for row: no record changed how any other is read. Spark needs seconds per
run, so the 200 cases share one lake (ids carry each case's prefix), as in test_incremental_property."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from lakehouse.bronze.job import BronzeStores, ingest
from lakehouse.bronze.listing import list_raw_files
from lakehouse.bronze.tables import QUARANTINE
from lakehouse.gold.job import GoldRun, run_gold
from lakehouse.gold.tables import CONDITION_PREVALENCE, KPI_MONTHLY
from lakehouse.lake.memory_store import MemoryStore
from lakehouse.silver.flatten import DERIVED, load_views
from lakehouse.silver.job import SilverRun, run_silver
from lakehouse.silver.tables import LATEST, UPDATED_AT, view_table
from tests.bronze.malformed import malformed, valid_resources

CASES = 200
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def draw_cases() -> list[tuple[int, dict]]:
    """CASES distinct (which of the four resources, its malformed later version), drawn by hypothesis."""
    base = valid_resources(last_updated="2024-03-01T00:00:00Z")  # later than the valid versions
    drawn: dict[str, tuple[int, dict]] = {}
    strategy = st.integers(0, 3).flatmap(lambda i: st.tuples(st.just(i), malformed(base[i]).map(lambda c: c[0])))

    @settings(
        max_examples=3 * CASES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],
    )
    @given(strategy)
    def collect(case):
        drawn.setdefault(json.dumps(case, sort_keys=True), case)

    collect()
    assert len(drawn) >= CASES
    return [drawn[k] for k in sorted(drawn)[:CASES]]


def ids(resource: dict, prefix: str) -> dict:
    """The resource with every id and reference carrying the case's prefix."""
    text = json.dumps(resource)
    for old in ("p1", "e1", "f1"):
        text = text.replace(f'"{old}"', f'"{prefix}{old}"').replace(f'/{old}"', f'/{prefix}{old}"')
    text = text.replace('"c-e1"', f'"c-{prefix}e1"').replace('"o-e1"', f'"o-{prefix}e1"')
    return json.loads(text)


def run(spark, raw) -> tuple[MemoryStore, MemoryStore, MemoryStore]:
    bronze, quarantine, silver, gold = (MemoryStore(spark) for _ in range(4))
    ingest(spark, list_raw_files(str(raw)), BronzeStores(bronze, quarantine), "run", NOW)
    run_silver(SilverRun(bronze, silver, NOW))
    run_gold(GoldRun(silver, gold, NOW))
    return quarantine, silver, gold


def rows(store: MemoryStore, spec, drop: str) -> set[str]:
    """The table's rows as JSON, the two lakes' raw folder names made equal (resource_latest names its file)."""
    frame = store.read(spec)
    if frame is None:
        return set()
    return {
        json.dumps(r.asDict(), default=str).replace("/mixed/", "/raw/").replace("/valid/", "/raw/")
        for r in frame.drop(drop).collect()
    }


def test_one_malformed_resource_changes_no_other_record(spark, tmp_path):
    cases = draw_cases()
    valid, mixed = tmp_path / "valid", tmp_path / "mixed"
    for folder in (valid, mixed):
        folder.mkdir()
    for n in range(CASES):
        lines = "".join(json.dumps(ids(r, f"h{n:03d}")) + "\n" for r in valid_resources())
        for folder in (valid, mixed):
            (folder / f"h{n:03d}.ndjson").write_text(lines, encoding="utf-8")
    for n, (_, broken) in enumerate(cases):
        (mixed / f"h{n:03d}-later.ndjson").write_text(json.dumps(ids(broken, f"h{n:03d}")) + "\n", encoding="utf-8")

    _, silver_valid, gold_valid = run(spark, valid)
    quarantine, silver_mixed, gold_mixed = run(spark, mixed)

    reasons = quarantine.read(QUARANTINE).select("source_file", "field").collect()
    assert len(reasons) == CASES and all(r.source_file.endswith("-later.ndjson") and r.field for r in reasons)
    tables = [(view_table(n), UPDATED_AT) for n in [*load_views(), *DERIVED]] + [(LATEST, UPDATED_AT)]
    for spec, drop in tables:
        assert rows(silver_mixed, spec, drop) == rows(silver_valid, spec, drop), spec.name
    for spec in (KPI_MONTHLY, CONDITION_PREVALENCE):
        assert rows(gold_mixed, spec, "computed_at") == rows(gold_valid, spec, "computed_at"), spec.name
    assert rows(gold_valid, KPI_MONTHLY, "computed_at"), "the valid lake has KPI rows"
