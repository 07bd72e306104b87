"""The local pipeline end to end on hand-made feeds: versions out of order, deletes, offsets, and a rerun."""

import json

import pytest

from jobs.run_local import run_pipeline
from lakehouse.local.audit_server import moto_server

ACT = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
ZONES = {"country": "Ghana", "state": "Ashanti"}


def encounter(eid, cls, start, end=None, updated="2024-03-01T00:00:00Z"):
    period = {"start": start, **({"end": end} if end else {})}
    return {
        "resourceType": "Encounter",
        "id": eid,
        "meta": {"lastUpdated": updated},
        "status": "finished" if end else "in-progress",
        "class": {"system": ACT, "code": cls},
        "subject": {"reference": "urn:uuid:p1"},
        "serviceProvider": {"reference": "urn:uuid:f1"},
        "period": period,
    }


def bundle(*resources, deletes=(), timestamp=None):
    entries = [
        {
            "fullUrl": f"urn:uuid:{r['id']}",
            "resource": r,
            "request": {"method": "PUT", "url": f"{r['resourceType']}/{r['id']}"},
        }
        for r in resources
    ]
    entries += [{"request": {"method": "DELETE", "url": u}} for u in deletes]
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        **({"timestamp": timestamp} if timestamp else {}),
        "entry": entries,
    }


PATIENT = {
    "resourceType": "Patient",
    "id": "p1",
    "meta": {"lastUpdated": "2024-01-01T00:00:00Z"},
    "address": [ZONES],
    "birthDate": "1970-01-01",
}
FACILITY = {
    "resourceType": "Organization",
    "id": "f1",
    "meta": {"lastUpdated": "2024-01-01T00:00:00Z"},
    "name": "Komfo Anokye",
}
PNEUMONIA = {
    "resourceType": "Condition",
    "id": "c1",
    "meta": {"lastUpdated": "2024-01-13T00:00:00Z"},
    "code": {"coding": [{"system": "http://snomed.info/sct", "code": "233604007"}]},
    "subject": {"reference": "urn:uuid:p1"},
    "encounter": {"reference": "urn:uuid:e1"},
}
FEED = {
    # e1: inpatient, admitted at 10:00+02:00 = 08:00Z, three days; readmitted by e2 19 days later.
    "01-first.json": bundle(
        PATIENT,
        FACILITY,
        PNEUMONIA,
        encounter("e1", "IMP", "2024-01-10T10:00:00+02:00", "2024-01-13T08:00:00Z"),
        encounter("e4", "AMB", "2024-01-20T00:00:00Z"),
    ),
    "02-second.json": bundle(
        PATIENT,
        FACILITY,
        encounter("e2", "IMP", "2024-02-01T00:00:00Z", "2024-02-03T00:00:00Z", updated="2024-03-02T00:00:00Z"),
    ),
    # An older version of e2 (outpatient) arriving after the newer one must not win.
    "03-late-old-version.json": bundle(
        PATIENT,
        FACILITY,
        encounter("e2", "AMB", "2024-02-01T00:00:00Z", "2024-02-01T01:00:00Z", updated="2024-02-15T00:00:00Z"),
    ),
    # e4 deleted; e5 starts 2024-03-01T01:00+05:00, which is February in UTC.
    "04-delete.json": bundle(
        PATIENT,
        FACILITY,
        encounter("e5", "AMB", "2024-03-01T01:00:00+05:00"),
        deletes=("Encounter/e4",),
        timestamp="2024-03-05T00:00:00Z",
    ),
}


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    raw, out = tmp_path_factory.mktemp("raw"), tmp_path_factory.mktemp("lake")
    for name, content in FEED.items():
        (raw / name).write_text(json.dumps(content), encoding="utf-8")
    with moto_server() as endpoint:
        first = run_pipeline(str(raw), str(out), endpoint)
        first_gold = gold_rows(out)
        second = run_pipeline(str(raw), str(out), endpoint)
    return out, first, first_gold, second


def gold_rows(out):
    import csv

    with open(out / "export" / "kpi_monthly.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_gold_has_the_hand_computed_kpis(lake):
    out, _, rows, _ = lake
    by_month = {r["month"]: r for r in rows}
    assert set(by_month) == {"2024-01", "2024-02"}
    jan, feb = by_month["2024-01"], by_month["2024-02"]
    assert (jan["region"], jan["facility_id"]) == ("Ghana/Ashanti", "f1")
    assert [
        jan[k]
        for k in (
            "encounters",
            "infection_encounters",
            "inpatient_discharges",
            "inpatient_deaths",
            "index_discharges",
            "readmissions_30d",
        )
    ] == ["1", "1", "1", "0", "1", "1"]
    assert float(jan["avg_length_of_stay_days"]) == pytest.approx(3.0)
    assert [
        feb[k]
        for k in ("encounters", "infection_encounters", "inpatient_discharges", "index_discharges", "readmissions_30d")
    ] == [
        "2",
        "0",
        "1",
        "1",
        "0",
    ]
    assert float(feb["avg_length_of_stay_days"]) == pytest.approx(2.0)


def test_every_record_read_is_written_or_quarantined(lake):
    _, first, _, _ = lake
    bronze = first["bronze"]
    assert bronze["records_read"] == bronze["records_written"] + bronze["records_quarantined"] == 15


def test_a_rerun_ingests_nothing_and_changes_no_kpi(lake):
    out, _, first_gold, second = lake
    assert (second["bronze"]["files_skipped"], second["bronze"]["files_ingested"]) == (4, 0)
    assert gold_rows(out) == first_gold
