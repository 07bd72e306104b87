"""The KPI corpus (tests/contracts/kpi-cases.json) through the Spark engine: every case's raw files go through
bronze, silver and gold in one lake (ids are unique across cases, and each case's encounters name its own
facility), and each case's gold rows must sum to its expected totals, the same the TypeScript engine must give.
A prevalence case's patients live in their own region, whose condition_prevalence rows must be the expected ones."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lakehouse.bronze.job import BronzeStores, ingest
from lakehouse.bronze.listing import list_raw_files
from lakehouse.gold.job import GoldRun, run_gold
from lakehouse.gold.kpi import COUNT_COLUMNS
from lakehouse.gold.prevalence import PREVALENCE_COLUMNS
from lakehouse.gold.tables import CONDITION_PREVALENCE, KPI_MONTHLY
from lakehouse.lake.memory_store import MemoryStore
from lakehouse.silver.job import SilverRun, run_silver

CORPUS = json.loads((Path(__file__).resolve().parents[3] / "tests" / "contracts" / "kpi-cases.json").read_text())
COUNTS = COUNT_COLUMNS


def corpus_bytes(f: dict) -> bytes:
    """A corpus file as raw-zone bytes (the rule tests/ingestion/kpi-corpus.test.ts uses)."""
    if "lines" in f:
        text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in f["lines"])
    else:
        text = json.dumps(f["content"])
    data = text.encode("utf-8")
    return gzip.compress(data) if f["name"].endswith(".gz") else data


def case_prefix(case: dict) -> str:
    """The prefix the case's ids carry (k01, k02, ...): its facility is Organization/<prefix>-org."""
    return f"k{CORPUS['cases'].index(case) + 1:02d}"


PREVALENCE_CASES = [c for c in CORPUS["cases"] if "prevalence" in c["expected"]]


@pytest.fixture(scope="module")
def gold(spark, tmp_path_factory):
    raw = tmp_path_factory.mktemp("kpi-corpus")
    for case in CORPUS["cases"]:
        for f in case["files"]:
            path = raw / case["name"] / f["name"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(corpus_bytes(f))
    now = datetime(2026, 1, 1, tzinfo=UTC)
    bronze, quarantine, silver, gold = (MemoryStore(spark) for _ in range(4))
    ingest(spark, list_raw_files(str(raw)), BronzeStores(bronze, quarantine), "corpus", now)
    run_silver(SilverRun(bronze, silver, now))
    run_gold(GoldRun(silver, gold, now))
    return gold


@pytest.fixture(scope="module")
def gold_by_facility(gold):
    rows: dict[str, list] = {}
    for row in gold.read(KPI_MONTHLY).collect():
        rows.setdefault(row["facility_id"], []).append(row)
    return rows


@pytest.fixture(scope="module")
def prevalence_by_region(gold):
    rows: dict[str, list] = {}
    for row in gold.read(CONDITION_PREVALENCE).select(*PREVALENCE_COLUMNS).collect():
        rows.setdefault(row["region"], []).append(row.asDict())
    return rows


@pytest.mark.parametrize("case", CORPUS["cases"], ids=[c["name"] for c in CORPUS["cases"]])
def test_spark_engine_gives_the_expected_totals(gold_by_facility, case):
    rows = gold_by_facility.get(f"{case_prefix(case)}-org", [])
    expected = case["expected"]["totals"]
    got = {k: sum(int(r[k]) for r in rows) for k in COUNTS}
    assert got == {k: expected[k] for k in COUNTS}, case["rule"]
    days = sum(r["length_of_stay_days_sum"] or 0.0 for r in rows)
    average = None if got["inpatient_discharges"] == 0 else round(days / got["inpatient_discharges"], 6)
    assert average == expected["avg_length_of_stay_days"], case["rule"]


def test_the_corpus_has_a_prevalence_case_per_rule():
    assert len(PREVALENCE_CASES) >= 8


@pytest.mark.parametrize("case", PREVALENCE_CASES, ids=[c["name"] for c in PREVALENCE_CASES])
def test_spark_engine_gives_the_expected_prevalence_rows(prevalence_by_region, case):
    region = f"{case_prefix(case).upper()}/State"
    key = [*PREVALENCE_COLUMNS[:4]]
    got = sorted(prevalence_by_region.get(region, []), key=lambda r: [r[k] for k in key])
    expected = sorted(case["expected"]["prevalence"], key=lambda r: [r[k] for k in key])
    assert got == expected, case["rule"]
