"""Each way a stream record can be bad is quarantined with its reason and field, naming no patient and no value;
a good record becomes exactly its vitals row."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest

from lakehouse.stream.records import parse_vital

PATIENT = "p-secret-42"
GOOD = {
    "resourceType": "Observation",
    "id": "obs-1",
    "meta": {"lastUpdated": "2026-12-08T10:00:00.000Z"},
    "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4", "display": "Heart rate"}]},
    "subject": {"reference": f"Patient/{PATIENT}"},
    "effectiveDateTime": "2026-12-08T10:00:00.000Z",
    "valueQuantity": {"value": 88, "unit": "beats/minute", "system": "http://unitsofmeasure.org", "code": "/min"},
}


def encoded(resource) -> bytes:
    return json.dumps(resource).encode()


def broken(change) -> bytes:
    r = copy.deepcopy(GOOD)
    change(r)
    return encoded(r)


def test_a_good_record_is_its_row():
    row, problem = parse_vital(encoded(GOOD))
    assert problem is None
    assert row == {
        "id": "obs-1",
        "patient_id": PATIENT,
        "loinc": "8867-4",
        "value": 88.0,
        "unit": "/min",
        "effective_ts": datetime(2026, 12, 8, 10, 0, tzinfo=UTC),
    }


BAD = {
    "not utf-8": (b"\xff\xfe{", "record"),
    "not json": (b"{not json", "record"),
    "an array": (b"[1, 2]", "resource"),
    "unknown type": (broken(lambda r: r.update(resourceType="Vital")), "resourceType"),
    "a Patient": (broken(lambda r: r.update(resourceType="Patient")), "resourceType"),
    "no id": (broken(lambda r: r.pop("id")), "id"),
    "bad id": (broken(lambda r: r.update(id="a b")), "id"),
    "bad lastUpdated": (broken(lambda r: r["meta"].update(lastUpdated="yesterday")), "meta.lastUpdated"),
    "group subject": (broken(lambda r: r.update(subject={"reference": "Group/g1"})), "subject.reference"),
    "no subject": (broken(lambda r: r.pop("subject")), "subject.reference"),
    "no loinc": (broken(lambda r: r["code"]["coding"][0].update(system="http://snomed.info/sct")), "code.coding"),
    "not a vital": (broken(lambda r: r["code"]["coding"][0].update(code="2339-0")), "code.coding"),
    "no value": (broken(lambda r: r.pop("valueQuantity")), "valueQuantity"),
    "string value": (broken(lambda r: r["valueQuantity"].update(value="88")), "valueQuantity.value"),
    "boolean value": (broken(lambda r: r["valueQuantity"].update(value=True)), "valueQuantity.value"),
    "wrong unit": (broken(lambda r: r["valueQuantity"].update(code="/s")), "valueQuantity.code"),
    "impossible value": (broken(lambda r: r["valueQuantity"].update(value=880)), "valueQuantity.value"),
    "date only": (broken(lambda r: r.update(effectiveDateTime="2026-12-08")), "effectiveDateTime"),
    "no zone": (broken(lambda r: r.update(effectiveDateTime="2026-12-08T10:00:00")), "effectiveDateTime"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_each_bad_record_is_named_by_field_and_reason_without_patient_data(case):
    data, field = BAD[case]
    row, problem = parse_vital(data)
    assert row is None and problem is not None, case
    reason, got_field = problem
    assert got_field == field, (case, problem)
    assert PATIENT not in reason and "880" not in reason and "Group/g1" not in reason, reason
