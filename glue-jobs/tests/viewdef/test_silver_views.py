"""Every silver ViewDefinition (lakehouse/views/*.json) run through lakehouse.viewdef on hand-made resources."""

import json

import pytest

from lakehouse.silver.job import load_views
from lakehouse.viewdef import run_view_definition, view_columns

SUBJECT = {"reference": "Patient/p1"}
RESOURCES = [
    {
        "resourceType": "Patient",
        "id": "p1",
        "meta": {"lastUpdated": "2024-03-01T00:00:00Z"},
        "gender": "female",
        "birthDate": "1950-02-03",
        "deceasedDateTime": "2024-02-01T10:00:00+01:00",
        "address": [{"country": "US", "state": "MA", "postalCode": "02139", "city": "Cambridge"}, {"country": "FR"}],
        "name": [{"family": "Doe", "given": ["Jane", "Q"]}],
        "identifier": [{"value": "MRN-1"}],
    },
    {
        "resourceType": "Encounter",
        "id": "e1",
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
        "subject": {"reference": "Patient/p1"},
        "period": {"start": "2024-01-01T08:00:00Z", "end": "2024-01-05T08:00:00Z"},
        "serviceProvider": {"reference": "https://x.org/fhir/Organization/o1"},
        "hospitalization": {
            "dischargeDisposition": {
                "coding": [
                    {"system": "http://other", "code": "zz"},
                    {"system": "http://terminology.hl7.org/CodeSystem/discharge-disposition", "code": "exp"},
                ]
            }
        },
    },
    {
        "resourceType": "Condition",
        "id": "c1",
        "subject": SUBJECT,
        "encounter": {"reference": "Encounter/e1"},
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "verificationStatus": {"coding": [{"code": "confirmed"}]},
        "onsetDateTime": "2024-01-02",
        "recordedDate": "2024-01-03",
        "code": {
            "text": "Sepsis",
            "coding": [{"system": "http://snomed.info/sct", "code": "91302008", "display": "Sepsis"}, {"code": "A41"}],
        },
    },
    {
        "resourceType": "Observation",
        "id": "ob1",
        "status": "final",
        "subject": SUBJECT,
        "encounter": {"reference": "Encounter/e1"},
        "category": [{"coding": [{"code": "vital-signs"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9", "display": "BP"}]},
        "effectiveDateTime": "2024-01-02T09:00:00Z",
        "component": [
            {"code": {"coding": [{"code": "8480-6"}]}, "valueQuantity": {"value": 120, "unit": "mm[Hg]"}},
            {"code": {"coding": [{"code": "8462-4"}]}, "valueQuantity": {"value": 80.5, "unit": "mm[Hg]"}},
        ],
    },
    {
        "resourceType": "Observation",
        "id": "ob2",
        "status": "final",
        "subject": SUBJECT,
        "valueCodeableConcept": {"coding": [{"code": "pos"}]},
    },
    {"resourceType": "Organization", "id": "o1", "name": "General", "address": [{"country": "US", "state": "MA"}]},
]
VIEWS = load_views()
TYPES = {"id", "string", "uri", "code", "date", "dateTime", "instant", "boolean", "integer", "decimal"}


@pytest.fixture(scope="module")
def frame(spark):
    return spark.createDataFrame([(json.dumps(r),) for r in RESOURCES], ["json"])


def run(frame, name: str) -> list[dict]:
    return sorted(
        (r.asDict() for r in run_view_definition(VIEWS[name], frame).collect()),
        key=lambda r: json.dumps(r, default=str),
    )


def test_the_seven_silver_views_are_there_named_after_their_files_with_typed_columns():
    assert sorted(VIEWS) == [
        "condition",
        "condition_coding",
        "encounter",
        "observation",
        "observation_component",
        "organization",
        "patient",
    ]
    for view in VIEWS.values():
        assert all(kind in TYPES for _, kind in view_columns(view)), view["name"]
        assert all("type" in c for node in view["select"] for c in node.get("column", [])), view["name"]


def test_patient_view(frame):
    assert run(frame, "patient") == [
        {
            "id": "p1",
            "gender": "female",
            "birth_date": "1950-02-03",
            "deceased_datetime": "2024-02-01T10:00:00+01:00",
            "deceased_boolean": None,
            "country": "US",
            "state": "MA",
            "postal_code": "02139",
            "city": "Cambridge",
            "family_name": "Doe",
            "given_name": "Jane",
            "identifier_value": "MRN-1",
            "last_updated": "2024-03-01T00:00:00Z",
        }
    ]


def test_encounter_view_reads_relative_and_absolute_references_and_the_discharge_disposition(frame):
    [row] = run(frame, "encounter")
    assert row["patient_id"] == "p1" and row["facility_id"] == "o1" and row["discharge_disposition"] == "exp"
    assert (row["class_code"], row["start_ts"], row["end_ts"], row["last_updated"]) == (
        "IMP",
        "2024-01-01T08:00:00Z",
        "2024-01-05T08:00:00Z",
        None,
    )


def test_condition_and_condition_coding_views(frame):
    [row] = run(frame, "condition")
    assert row == {
        "id": "c1",
        "patient_id": "p1",
        "encounter_id": "e1",
        "clinical_status": "active",
        "verification_status": "confirmed",
        "onset_datetime": "2024-01-02",
        "onset_period_start": None,
        "recorded_date": "2024-01-03",
        "abatement_datetime": None,
        "abatement_period_end": None,
        "code_text": "Sepsis",
        "last_updated": None,
    }
    codings = run(frame, "condition_coding")
    assert [(r["condition_id"], r["encounter_id"], r["system"], r["code"]) for r in codings] == [
        ("c1", "e1", "http://snomed.info/sct", "91302008"),
        ("c1", "e1", None, "A41"),
    ]


def test_observation_views_read_quantity_and_codeable_concept_values_and_components(frame):
    got = {r["id"]: r for r in run(frame, "observation")}
    assert (got["ob1"]["category"], got["ob1"]["code"], got["ob1"]["code_system"], got["ob1"]["value_quantity"]) == (
        "vital-signs", "85354-9", "http://loinc.org", None,
    )  # fmt: skip
    assert (got["ob2"]["value_code"], got["ob2"]["encounter_id"], got["ob1"]["effective_datetime"]) == (
        "pos",
        None,
        "2024-01-02T09:00:00Z",
    )
    components = run(frame, "observation_component")
    assert [(r["observation_id"], r["code"], r["value_quantity"], r["value_unit"]) for r in components] == [
        ("ob1", "8462-4", 80.5, "mm[Hg]"),
        ("ob1", "8480-6", 120.0, "mm[Hg]"),
    ]


def test_organization_view(frame):
    assert run(frame, "organization") == [
        {"id": "o1", "name": "General", "country": "US", "state": "MA", "last_updated": None}
    ]
