"""Incremental equals full, property-based: hypothesis draws 200 histories (new resources, later and older versions
with tied times, deletes, re-creations, files delivered twice), each delivered in up to three batches. Spark
needs seconds per run, so the 200 examples are collected first and then live in one lake (ids carry each
history's prefix): three incremental runs of bronze, silver and gold check every history at once, and silver
and gold must then equal a full refresh from the same bronze, row for row. A failure names the histories whose
rows differ and prints them (no shrinking: a run takes minutes)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from lakehouse.bronze.job import BronzeStores, ingest
from lakehouse.bronze.listing import list_raw_files
from lakehouse.gold.job import GoldRun, run_gold
from lakehouse.gold.tables import CONDITION_FACTS, CONDITION_PREVALENCE, ENCOUNTER_FACTS, KPI_MONTHLY
from lakehouse.lake.memory_store import MemoryStore
from lakehouse.silver.flatten import DERIVED, load_views
from lakehouse.silver.job import SilverRun, run_silver
from lakehouse.silver.tables import LATEST, UPDATED_AT, view_table

HISTORIES = 200
BATCHES = 3
DAY = st.integers(1, 4).map(lambda d: f"2024-02-0{d}T00:00:00Z")  # few times: ties happen
PATIENTS, ENCOUNTERS, CONDITIONS = ("p1", "p2"), ("e1", "e2", "e3"), ("c1", "c2")


def patient(rid: str):
    return st.fixed_dictionaries(
        {
            "resourceType": st.just("Patient"),
            "id": st.just(rid),
            "meta": st.fixed_dictionaries({"lastUpdated": DAY}),
            "address": st.sampled_from(
                [[{"country": "NG", "state": "Lagos"}], [{"country": "GH", "state": "Ashanti"}]]
            ),
            "deceasedDateTime": st.sampled_from(["2024-01-06T00:00:00Z", "2024-03-01T00:00:00Z"]),
        }
    )


def encounter(rid: str, prefix: str):
    def build(d):
        period = {"start": f"2024-01-{d['start']:02d}T00:00:00Z"}
        if d["length"] is not None:
            period["end"] = (datetime(2024, 1, d["start"], tzinfo=UTC) + timedelta(days=d["length"])).isoformat()
        r = {
            "resourceType": "Encounter",
            "id": rid,
            "meta": {"lastUpdated": d["at"]},
            "class": {"code": d["class"]},
            "subject": {"reference": f"Patient/{prefix}-{d['patient']}"},
            "serviceProvider": {"reference": f"Organization/{prefix}-org"},
            "period": period,
        }
        if d["expired"]:
            r["hospitalization"] = {"dischargeDisposition": {"coding": [{"system": DISPOSITION, "code": "exp"}]}}
        return r

    return st.fixed_dictionaries(
        {
            "at": DAY,
            "class": st.sampled_from(["IMP", "IMP", "AMB"]),
            "patient": st.sampled_from(PATIENTS),
            "start": st.integers(1, 25),
            "length": st.sampled_from([None, 0, 1, 3, 6, -1]),  # -1: ends before it starts
            "expired": st.booleans(),
        }
    ).map(build)


DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition"


def condition(rid: str, prefix: str):
    return st.fixed_dictionaries(
        {
            "at": DAY,
            "encounter": st.sampled_from(ENCOUNTERS),
            "patient": st.sampled_from(PATIENTS),
            "code": st.sampled_from(["J18.9", "I10"]),
            "onset": st.sampled_from(["2023-06-01T00:00:00Z", "2024-01-02T00:00:00Z"]),
        }
    ).map(
        lambda d: {
            "resourceType": "Condition",
            "id": rid,
            "meta": {"lastUpdated": d["at"]},
            "subject": {"reference": f"Patient/{prefix}-{d['patient']}"},
            "encounter": {"reference": f"Encounter/{prefix}-{d['encounter']}"},
            "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": d["code"]}]},
            "onsetDateTime": d["onset"],
        }
    )


def entry(prefix: str):
    """A version of one of the history's resources, or a delete of one."""
    ids = [("Patient", p) for p in PATIENTS] + [("Encounter", e) for e in ENCOUNTERS]
    ids += [("Condition", c) for c in CONDITIONS]

    def version(choice):
        rtype, rid = choice
        full = f"{prefix}-{rid}"
        if rtype == "Patient":
            return patient(full)
        return encounter(full, prefix) if rtype == "Encounter" else condition(full, prefix)

    versions = st.sampled_from(ids).flatmap(version).map(lambda r: {"resource": r})
    deletes = st.sampled_from(ids).map(lambda t: {"request": {"method": "DELETE", "url": f"{t[0]}/{prefix}-{t[1]}"}})
    return st.one_of(versions, versions, deletes)


PLACEHOLDER = "hxxx"  # the prefix a drawn history's ids carry until it gets its own number


def history():
    """Files per batch; a file is a Bundle (its timestamp is the deletes' time), or an earlier file sent again."""
    bundle = st.fixed_dictionaries(
        {
            "resourceType": st.just("Bundle"),
            "type": st.just("transaction"),
            "timestamp": DAY,
            "entry": st.lists(entry(PLACEHOLDER), min_size=1, max_size=4),
        }
    )
    files = st.lists(st.one_of(bundle, bundle, bundle, st.just("again")), min_size=1, max_size=3)
    return st.lists(files, min_size=1, max_size=BATCHES)


def draw_histories() -> list[tuple[str, list]]:
    """HISTORIES distinct examples drawn by hypothesis, each with the prefix h000, h001, ..."""
    drawn: dict[str, list] = {}

    @settings(
        max_examples=2 * HISTORIES,  # some draws repeat: twice as many leave HISTORIES distinct ones
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],
    )
    @given(history())
    def collect(batches):
        drawn.setdefault(json.dumps(batches, sort_keys=True), batches)

    collect()
    texts = sorted(drawn)[:HISTORIES]
    assert len(texts) == HISTORIES
    return [(f"h{n:03d}", json.loads(t.replace(PLACEHOLDER, f"h{n:03d}"))) for n, t in enumerate(texts)]


def rows(store: MemoryStore, spec, drop: str) -> set[str]:
    frame = store.read(spec)
    return (
        set()
        if frame is None
        else {json.dumps(r.asDict(), sort_keys=True, default=str) for r in frame.drop(drop).collect()}
    )


def write_batch(raw, batch: int, histories) -> None:
    """Batch `batch` of every history into raw/b<batch>/<prefix>/; "again" re-sends the history's last file."""
    for prefix, batches in histories:
        if batch >= len(batches):
            continue
        sent = [f for b in batches[:batch] for f in b if f != "again"]
        for n, f in enumerate(batches[batch]):
            content = f if f != "again" else (sent[-1] if sent else None)
            if content is None:
                continue
            path = raw / f"b{batch}" / prefix / f"f{n}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(content), encoding="utf-8")
            sent.append(content)


def test_incremental_runs_equal_a_full_refresh(spark, tmp_path_factory):
    histories = draw_histories()
    raw = tmp_path_factory.mktemp("property-raw")
    bronze, quarantine, silver, gold = (MemoryStore(spark) for _ in range(4))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    summaries = []
    for batch in range(BATCHES):
        write_batch(raw, batch, histories)
        if not (raw / f"b{batch}").exists():
            continue
        now = start + timedelta(hours=batch)  # later runs ingest later: arrival order follows
        ingest(spark, list_raw_files(str(raw / f"b{batch}")), BronzeStores(bronze, quarantine), f"run{batch}", now)
        run_silver(SilverRun(bronze, silver, now))
        summaries.append(run_gold(GoldRun(silver, gold, now)))
    assert [s.full_refresh for s in summaries[1:]] == [False] * (len(summaries) - 1), "later runs were incremental"

    now = start + timedelta(days=1)
    full_silver, full_gold = MemoryStore(spark), MemoryStore(spark)
    run_silver(SilverRun(bronze, full_silver, now, full_refresh=True))
    run_gold(GoldRun(full_silver, full_gold, now, full_refresh=True))

    tables = [(silver, full_silver, view_table(n), UPDATED_AT) for n in [*load_views(), *DERIVED]]
    tables.append((silver, full_silver, LATEST, UPDATED_AT))
    tables += [(gold, full_gold, spec, "computed_at") for spec in (KPI_MONTHLY, CONDITION_PREVALENCE)]
    tables += [(gold, full_gold, spec, "computed_at") for spec in (ENCOUNTER_FACTS, CONDITION_FACTS)]
    differing: dict[str, set[str]] = {}
    for incremental, full, spec, drop in tables:
        for row in rows(incremental, spec, drop) ^ rows(full, spec, drop):
            # Rows of no one history (prevalence sums every history of a region) are listed under "shared".
            for prefix in set(re.findall(r"h\d{3}", row)) or {"shared"}:
                differing.setdefault(prefix, set()).add(spec.name)
    shown = {p: b for p, b in histories if p in differing}
    assert not differing, f"incremental != full for {sorted(differing.items())[:5]}: {json.dumps(shown)[:4000]}"
    assert len(rows(gold, KPI_MONTHLY, "computed_at")) > HISTORIES // 4, "the histories produced KPI rows"
