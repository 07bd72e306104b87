"""repeat and %rowIndex on a hand-made QuestionnaireResponse: depth-first order, several paths, positions."""

import json

import pytest
from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

from lakehouse import viewdef
from lakehouse.viewdef.repeat import merge_types

RESPONSE = {
    "resourceType": "QuestionnaireResponse",
    "id": "q1",
    "status": "completed",
    "item": [
        {
            "linkId": "a",
            "item": [
                {"linkId": "a.1", "answer": [{"valueInteger": 4, "item": [{"linkId": "a.1.x"}]}]},
                {"linkId": "a.2", "item": [{"linkId": "a.2.1", "item": [{"linkId": "a.2.1.1"}]}]},
            ],
        },
        {"linkId": "b"},
    ],
}
EMPTY = {"resourceType": "QuestionnaireResponse", "id": "q2", "status": "completed"}


@pytest.fixture(scope="module")
def frame(spark):
    return spark.createDataFrame([(json.dumps(r),) for r in (RESPONSE, EMPTY)], ["json"])


def run(frame, select):
    view = {"name": "v", "resource": "QuestionnaireResponse", "select": select}
    return [r.asDict() for r in viewdef.run_view_definition(view, frame).collect()]


def test_repeat_walks_every_level_depth_first_with_row_index_as_the_position(frame):
    select = [
        {"column": [{"name": "id", "path": "id"}]},
        {
            "repeat": ["item"],
            "column": [{"name": "link", "path": "linkId"}, {"name": "at", "path": "%rowIndex", "type": "integer"}],
        },
    ]
    got = [(r["link"], r["at"]) for r in run(frame, select)]
    assert got == [("a", 0), ("a.1", 1), ("a.2", 2), ("a.2.1", 3), ("a.2.1.1", 4), ("b", 5)]


def test_repeat_follows_every_path_and_merges_the_levels_types(frame):
    select = [{"repeat": ["item", "answer.item"], "column": [{"name": "link", "path": "linkId"}]}]
    assert [r["link"] for r in run(frame, select)] == ["a", "a.1", "a.1.x", "a.2", "a.2.1", "a.2.1.1", "b"]
    nested = [
        {
            "repeat": ["item"],
            "select": [
                {"forEach": "answer", "column": [{"name": "value", "path": "value.ofType(integer)", "type": "integer"}]}
            ],
        }
    ]
    assert run(frame, nested) == [{"value": 4}]


def test_row_index_is_zero_outside_iteration_and_per_level_inside_nested_for_each(frame):
    select = [
        {"column": [{"name": "id", "path": "id"}, {"name": "top", "path": "%rowIndex", "type": "integer"}]},
        {
            "forEachOrNull": "item",
            "column": [{"name": "outer", "path": "%rowIndex", "type": "integer"}],
            "select": [
                {
                    "forEachOrNull": "item",
                    "column": [
                        {"name": "inner", "path": "%rowIndex", "type": "integer"},
                        {"name": "link", "path": "linkId"},
                    ],
                }
            ],
        },
    ]
    got = sorted((r["id"], r["top"], r["outer"], r["inner"], r["link"]) for r in run(frame, select))
    assert got == [
        ("q1", 0, 0, 0, "a.1"),
        ("q1", 0, 0, 1, "a.2"),
        ("q1", 0, 1, 0, None),  # b has no items: forEachOrNull's row, %rowIndex 0
        ("q2", 0, 0, 0, None),
    ]


def test_repeat_over_a_missing_element_gives_no_rows_and_a_bad_repeat_is_named(frame):
    assert run(frame, [{"repeat": ["jurisdiction"], "column": [{"name": "c", "path": "coding.code"}]}]) == []
    with pytest.raises(viewdef.ViewDefinitionError, match="repeat must be a non-empty array of FHIRPath strings"):
        run(frame, [{"repeat": "item", "column": [{"name": "c", "path": "linkId"}]}])
    with pytest.raises(viewdef.ViewDefinitionError, match="at most one of forEach, forEachOrNull and repeat"):
        run(frame, [{"repeat": ["item"], "forEach": "item", "column": [{"name": "c", "path": "linkId"}]}])


def test_merge_types_unions_struct_fields_and_falls_back_to_string_on_conflict():
    a = StructType(
        [StructField("x", LongType()), StructField("kids", ArrayType(StructType([StructField("y", LongType())])))]
    )
    b = StructType(
        [StructField("x", StringType()), StructField("kids", ArrayType(StructType([StructField("z", LongType())])))]
    )
    merged = merge_types(a, b)
    assert merged["x"].dataType == StringType()
    assert merged["kids"].dataType.elementType.fieldNames() == ["y", "z"]
