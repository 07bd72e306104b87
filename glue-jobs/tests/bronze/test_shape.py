"""The R4 shape check (lakehouse/bronze/shape.py): what it refuses, what it names, and that it refuses nothing
valid; the shapes file is what HL7's R4 JSON Schema says."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

from lakehouse.bronze.parse import parse_file
from lakehouse.bronze.records import Quarantined
from lakehouse.bronze.shape import shape_problem
from tests.bronze.malformed import malformed, valid_resources

ROOT = Path(__file__).resolve().parents[3]
PATIENT, ENCOUNTER, CONDITION, OBSERVATION = valid_resources()


def with_(resource: dict, **changes) -> dict:
    return {**resource, **changes}


def test_the_valid_resources_pass():
    assert [shape_problem(r) for r in valid_resources()] == [None] * 4


@pytest.mark.parametrize(
    ("resource", "field", "reason"),
    [
        (
            with_(ENCOUNTER, hospitalization={"dischargeDisposition": {"coding": {"code": "exp"}}}),
            "hospitalization.dischargeDisposition.coding",
            "must be a JSON array, got object",
        ),
        (with_(CONDITION, code={"coding": {"code": "A41.9"}}), "code.coding", "must be a JSON array, got object"),
        (with_(ENCOUNTER, Period=ENCOUNTER["period"]), "period", "is written 'Period'"),
        (with_(PATIENT, gender=["female"]), "gender", "must be a single JSON string, got an array"),
        (with_(PATIENT, birthDate=19500301), "birthDate", "must be a JSON string, got number"),
        (with_(OBSERVATION, valueQuantity={"value": "88"}), "valueQuantity.value", "must be a JSON number, got string"),
        (with_(PATIENT, active="true"), "active", "must be a JSON boolean, got string"),
        (with_(PATIENT, name=["Ada Okafor"]), "name", "must be a JSON object, got string"),
        (with_(ENCOUNTER, contained=[{"resourceType": "Starship"}]), "contained", "known resourceType"),
        # A backbone element with a resourceType element of its own is not a resource.
        (with_(ENCOUNTER, contained=[{"resourceType": "ExampleScenario_Instance"}]), "contained", "known resourceType"),
        (
            with_(ENCOUNTER, contained=[with_(PATIENT, gender=1)]),
            "contained.Patient.gender",
            "must be a JSON string, got number",
        ),
    ],
)
def test_an_element_without_its_r4_shape_is_named(resource, field, reason):
    problem = shape_problem(resource)
    assert problem is not None and problem[1] == field and reason in problem[0], problem


def test_an_unknown_element_is_refused_without_repeating_its_name():
    reason, field = shape_problem(with_(PATIENT, **{"Jane Doe 1970": "x"}))
    assert field == "Patient" and "Jane" not in reason and "does not define" in reason


def test_nulls_and_aligned_primitive_extensions_are_accepted():
    name = {"given": ["Ada", None], "_given": [None, {"extension": [{"url": "u", "valueString": "x"}]}]}
    assert shape_problem(with_(PATIENT, name=[name], telecom=None)) is None


def test_nesting_past_the_limit_is_refused():
    extension: dict = {"url": "u", "valueString": "x"}
    for _ in range(70):
        extension = {"url": "u", "extension": [extension]}
    reason, _ = shape_problem(with_(PATIENT, extension=[extension]))
    assert "nested deeper than 64" in reason


@settings(max_examples=300, deadline=None)
@given(case=malformed(ENCOUNTER) | malformed(PATIENT) | malformed(CONDITION) | malformed(OBSERVATION))
def test_any_one_broken_element_quarantines_its_resource_naming_the_element(case):
    broken, path = case
    items = list(parse_file("/raw/x.ndjson", (json.dumps(broken) + "\n").encode()))
    assert len(items) == 1 and isinstance(items[0], Quarantined), (path, broken)
    # The field is the broken element or the object holding it (an unknown name is not repeated).
    keys = [k for k in path if isinstance(k, str)]
    named = items[0].field.replace(f"{broken['resourceType']}", "").strip(".").split(".")
    assert named == [""] or named == keys[: len(named)] or named[-1].lower() == keys[len(named) - 1].lower(), (
        items[0].field,
        path,
    )


def test_the_shapes_file_is_derived_from_the_r4_json_schema():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "derive_fhir_shapes.py"), "--check"], check=False)
    assert result.returncode == 0
