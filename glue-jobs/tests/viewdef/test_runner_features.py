"""lakehouse.viewdef (the interface's import path) on hand-made resources: features beyond tests/viewdef."""

import json

import pytest

from lakehouse import viewdef

EXT = "http://example.org/race"
RESOURCES = [
    {
        "resourceType": "Patient",
        "id": "p1",
        "extension": [{"url": EXT, "valueString": "a"}, {"url": "http://other", "valueString": "b"}],
        "telecom": [{"system": "phone", "value": "1"}, {"system": "email", "value": "x@y"}],
        "managingOrganization": {"reference": "Organization/o1"},
    },
    {"resourceType": "Patient", "id": "p2", "managingOrganization": {"reference": "urn:uuid:o2"}},
    {"resourceType": "Organization", "id": "o1"},
]


@pytest.fixture(scope="module")
def frame(spark):
    return spark.createDataFrame([(json.dumps(r),) for r in RESOURCES], ["json"])


def rows(frame, select, **extra):
    view = {"name": "v", "resource": "Patient", "select": select, **extra}
    return sorted(
        (r.asDict() for r in viewdef.run_view_definition(view, frame).collect()),
        key=lambda r: json.dumps(r, sort_keys=True),
    )


def test_extension_exists_empty_and_untyped_reference_keys_on_every_form(frame):
    select = [
        {
            "column": [
                {"name": "id", "path": "getResourceKey()"},
                {"name": "race", "path": f"extension('{EXT}').value.ofType(string).first()"},
                {"name": "has_phone", "path": "telecom.where(system = 'phone').exists()", "type": "boolean"},
                {"name": "no_telecom", "path": "telecom.empty()", "type": "boolean"},
                {"name": "org", "path": "managingOrganization.getReferenceKey()"},
                {"name": "org_typed", "path": "managingOrganization.getReferenceKey(Organization)"},
            ]
        }
    ]
    assert rows(frame, select) == [
        {"id": "p2", "race": None, "has_phone": False, "no_telecom": True, "org": "o2", "org_typed": "o2"},
        {"id": "p1", "race": "a", "has_phone": True, "no_telecom": False, "org": "o1", "org_typed": "o1"},
    ]


def test_union_all_and_nested_for_each_or_null(frame):
    select = [
        {"column": [{"name": "id", "path": "id"}]},
        {
            "unionAll": [
                {"forEach": "telecom.where(system = 'email')", "column": [{"name": "contact", "path": "value"}]},
                {
                    "forEachOrNull": "extension.where(url = 'http://other')",
                    "column": [{"name": "contact", "path": "url"}],
                },
            ]
        },
    ]
    assert rows(frame, select) == [
        {"id": "p1", "contact": "http://other"},
        {"id": "p1", "contact": "x@y"},
        {"id": "p2", "contact": None},
    ]


def test_a_bad_path_and_an_unknown_constant_name_the_view_and_column(frame):
    with pytest.raises(viewdef.ViewDefinitionError, match=r"view 'v'.*column 'c'"):
        rows(frame, [{"column": [{"name": "c", "path": "name.("}]}])
    with pytest.raises(viewdef.ViewDefinitionError, match=r"view 'v'.*column 'k'"):
        rows(frame, [{"column": [{"name": "k", "path": "id = %missing"}]}])


def test_a_shared_inferred_schema_gives_the_same_rows_and_is_the_one_used(frame):
    select = [
        {
            "column": [
                {"name": "id", "path": "id"},
                {"name": "phone", "path": "telecom.where(system = 'phone').value.first()"},
            ]
        }
    ]
    view = {"name": "v", "resource": "Patient", "select": select}
    schema = viewdef.infer_schema(frame, "Patient")
    assert set(schema.fieldNames()) >= {"id", "telecom", "extension", "managingOrganization"}
    assert sorted(viewdef.infer_schema(frame, "Organization").fieldNames()) == ["id", "resourceType"], (
        "one type's resources only"
    )
    shared = sorted(r.asDict().items() for r in viewdef.run_view_definition(view, frame, schema=schema).collect())
    inferred = sorted(r.asDict().items() for r in viewdef.run_view_definition(view, frame).collect())
    assert shared == inferred
    narrow = viewdef.infer_schema(frame.where("json not like '%telecom%'"), "Patient")
    assert [r["phone"] for r in viewdef.run_view_definition(view, frame, schema=narrow).collect()] == [None, None]
