"""Runs a SQL-on-FHIR v2 ViewDefinition over a DataFrame of FHIR JSON, as Spark expressions (no Python UDFs).

Each resource becomes an array of row structs (columns, nested selects as a cross product, forEach,
forEachOrNull and repeat over collections, unionAll as concatenation), exploded into the view's rows.
"""

from __future__ import annotations

import re

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, BooleanType, DataType, DoubleType, LongType, StringType, StructType

from lakehouse.viewdef.collection import Coll, FhirPathError, Scope, first, sub_scope
from lakehouse.viewdef.compiler import compile_expr
from lakehouse.viewdef.parser import FhirPathSyntaxError, parse
from lakehouse.viewdef.repeat import repeat_items

SPARK_TYPES: dict[str, DataType] = {
    "boolean": BooleanType(),
    "integer": LongType(),
    "positiveInt": LongType(),
    "unsignedInt": LongType(),
    "integer64": LongType(),
    "decimal": DoubleType(),
}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
Fields = list[tuple[str, DataType]]


class ViewDefinitionError(ValueError):
    """A ViewDefinition that cannot run; the message names the view and, where there is one, the column."""


def view_columns(view: dict) -> list[tuple[str, str]]:
    """(name, FHIR type) of every column, in output order; columns without a type are strings."""
    found: list[tuple[str, str]] = []

    def walk(node: dict) -> None:
        found.extend((c["name"], c.get("type", "string")) for c in node.get("column", []))
        for child in node.get("select", []):
            walk(child)
        if node.get("unionAll"):
            walk(node["unionAll"][0])

    for node in view.get("select", []):
        walk(node)
    return found


def _constants(view: dict) -> dict:
    values = {}
    for constant in view.get("constant", []):
        value = [v for k, v in constant.items() if k.startswith("value")]
        if len(value) != 1:
            raise ViewDefinitionError(
                f"view {view.get('name')!r}: constant {constant.get('name')!r} needs exactly one value[x]"
            )
        values[constant["name"]] = value[0]
    return values


def _check_node(name: str, node: object) -> None:
    """The shape of one select node: the runner never meets a wrong JSON type at run time."""
    if not isinstance(node, dict):
        raise ViewDefinitionError(f"view {name!r}: a select must be an object")
    for key in ("forEach", "forEachOrNull"):
        if key in node and not isinstance(node[key], str):
            raise ViewDefinitionError(f"view {name!r}: {key} must be a FHIRPath string")
    if "repeat" in node and (
        not isinstance(node["repeat"], list)
        or not node["repeat"]
        or not all(isinstance(p, str) for p in node["repeat"])
    ):
        raise ViewDefinitionError(f"view {name!r}: repeat must be a non-empty array of FHIRPath strings")
    if sum(key in node for key in ("forEach", "forEachOrNull", "repeat")) > 1:
        raise ViewDefinitionError(f"view {name!r}: a select takes at most one of forEach, forEachOrNull and repeat")
    for key in ("column", "select", "unionAll"):
        if key in node and not isinstance(node[key], list):
            raise ViewDefinitionError(f"view {name!r}: {key} must be an array")
    for column in node.get("column", []):
        if (
            not isinstance(column, dict)
            or not isinstance(column.get("name"), str)
            or not isinstance(column.get("path"), str)
        ):
            raise ViewDefinitionError(f"view {name!r}: every column needs a string name and path")
    for child in [*node.get("select", []), *node.get("unionAll", [])]:
        _check_node(name, child)


def _validate(view: dict) -> None:
    name = view.get("name", "<unnamed>")
    if not isinstance(view.get("resource"), str):
        raise ViewDefinitionError(f"view {name!r}: missing resource")
    if not isinstance(view.get("select"), list):
        raise ViewDefinitionError(f"view {name!r}: select must be an array")
    for node in view["select"]:
        _check_node(name, node)
    columns = [c for c, _ in view_columns(view)]
    for column in columns:
        if not _NAME.match(column):
            raise ViewDefinitionError(f"view {name!r}: column name {column!r} is not a valid SQL name")
    if len(set(columns)) != len(columns):
        raise ViewDefinitionError(
            f"view {name!r}: duplicate column names {sorted({c for c in columns if columns.count(c) > 1})}"
        )


def _expr(view: dict, path: str, scope: Scope, column: str | None = None) -> Coll:
    try:
        return compile_expr(parse(path), scope)
    except (FhirPathError, FhirPathSyntaxError) as err:
        where = f", column {column!r}" if column else ""
        raise ViewDefinitionError(f"view {view.get('name', '<unnamed>')!r}{where}: {err} (path {path!r})") from err


def _column_value(view: dict, spec: dict, scope: Scope) -> tuple[Column, DataType]:
    coll = _expr(view, spec["path"], scope, spec["name"])
    dtype = SPARK_TYPES.get(spec.get("type", ""))
    if spec.get("collection"):
        element = dtype or (StringType() if not isinstance(coll.dtype, StructType | ArrayType) else coll.dtype)
        values = (
            coll.col if dtype is None and element is coll.dtype else F.transform(coll.col, lambda x: x.cast(element))
        )
        return values, ArrayType(element)
    # A column that is not a collection must not hold several values (SQL-on-FHIR v2): fail the run, loudly.
    message = (
        f"view {view.get('name', '<unnamed>')!r}, column {spec['name']!r}: several values; "
        "use first() or collection: true"
    )
    too_many = F.raise_error(F.lit(message))
    value = F.when(F.size(coll.col) > 1, too_many).otherwise(first(coll))
    if isinstance(coll.dtype, StructType | ArrayType) and dtype is None:
        return F.to_json(value), StringType()
    target = dtype or StringType()
    return value.cast(target), target


def _cross(left: Column, left_fields: Fields, right: Column, right_fields: Fields) -> Column:
    """Every row of `left` joined with every row of `right` (both arrays of structs)."""

    def pair(a: Column) -> Column:
        return F.transform(
            right,
            lambda b: F.struct(*[a[n].alias(n) for n, _ in left_fields], *[b[n].alias(n) for n, _ in right_fields]),
        )

    return F.flatten(F.transform(left, pair))


def _product(parts: list[tuple[Column, Fields]]) -> tuple[Column, Fields]:
    rows, fields = parts[0]
    for other, other_fields in parts[1:]:
        rows, fields = _cross(rows, fields, other, other_fields), fields + other_fields
    return rows, fields


def _for_each(view: dict, node: dict, key: str, scope: Scope) -> tuple[Column, Fields]:
    """The node's rows for every item of the forEach / forEachOrNull / repeat collection, %rowIndex = the item's
    position. forEachOrNull gives one row when the collection is empty: its columns evaluated with no focus (so
    null, and %rowIndex 0)."""
    items = (
        repeat_items(node[key], scope, lambda path, s: _expr(view, path, s))
        if key == "repeat"
        else _expr(view, node[key], scope)
    )
    inner = {k: v for k, v in node.items() if k != key}
    no_item = sub_scope(scope, F.lit(None).cast(items.dtype), items.dtype, F.lit(0))
    no_item_rows, fields = _node_rows(view, inner, no_item)

    def rows_of(item: Column, index: Column) -> Column:
        return _node_rows(view, inner, sub_scope(scope, item, items.dtype, index))[0]

    rows = F.flatten(F.transform(items.col, rows_of))
    if key == "forEachOrNull":
        # A nested forEach has nothing to iterate without a focus: then the row is all nulls.
        nulls = F.array(F.struct(*[F.lit(None).cast(t).alias(n) for n, t in fields]))
        empty_rows = F.when(F.size(no_item_rows) > 0, no_item_rows).otherwise(nulls)
        rows = F.when(F.size(items.col) == 0, empty_rows).otherwise(rows)
    return rows, fields


def _node_rows(view: dict, node: dict, scope: Scope) -> tuple[Column, Fields]:
    """The rows one select node yields for the scope's focus: array<struct<columns>>."""
    for key in ("forEach", "forEachOrNull", "repeat"):
        if key in node:
            return _for_each(view, node, key, scope)
    parts: list[tuple[Column, Fields]] = []
    if node.get("column"):
        values = [(_column_value(view, c, scope), c["name"]) for c in node["column"]]
        parts.append((F.array(F.struct(*[v.alias(n) for (v, _), n in values])), [(n, t) for (_, t), n in values]))
    for child in node.get("select", []):
        parts.append(_node_rows(view, child, scope))
    if node.get("unionAll"):
        options = [_node_rows(view, option, scope) for option in node["unionAll"]]
        names = [n for n, _ in options[0][1]]
        if any([n for n, _ in o[1]] != names for o in options):
            raise ViewDefinitionError(
                f"view {view.get('name')!r}: unionAll options must have the same columns in the same order"
            )
        parts.append((F.concat(*[o[0] for o in options]), options[0][1]))
    if not parts:
        return F.array(F.struct(F.lit(None).alias("_empty"))), []
    return _product(parts)


def _of_type(resources: DataFrame, resource_type: str, json_col: str) -> DataFrame:
    of_type = F.get_json_object(F.col(json_col), "$.resourceType") == resource_type
    return resources.where(of_type).select(F.col(json_col).alias("_json"))


def infer_schema(resources: DataFrame, resource_type: str, json_col: str = "json") -> StructType:
    """The Spark schema of every resource of one type in `resources` (a pass over the JSON): views of the
    same type can share it instead of inferring it each."""
    texts = _of_type(resources, resource_type, json_col).rdd.map(lambda row: row[0])
    return resources.sparkSession.read.json(texts).schema if not texts.isEmpty() else StructType([])


def run_view_definition(
    view: dict, resources: DataFrame, json_col: str = "json", schema: StructType | None = None
) -> DataFrame:
    """The view's rows over the resources of type view['resource'] in `resources` (a column of JSON text).
    `schema` is the resources' inferred schema (infer_schema); inferred here when not given."""
    _validate(view)
    subset = _of_type(resources, view["resource"], json_col)
    if schema is None:
        schema = infer_schema(resources, view["resource"], json_col)
    parsed = subset.select(F.from_json("_json", schema).alias("_r"))
    root = Coll(F.array(F.col("_r")), schema)
    scope = Scope(root, root, _constants(view))
    for clause in view.get("where", []):
        condition = _expr(view, clause["path"], scope)
        if not isinstance(condition.dtype, BooleanType):
            raise ViewDefinitionError(
                f"view {view.get('name', '<unnamed>')!r}: where path {clause['path']!r} is not a boolean expression"
            )
        parsed = parsed.where(F.coalesce(first(condition), F.lit(False)))
    rows, fields = _node_rows(view, {"select": view.get("select", [])}, scope)
    exploded = parsed.select(F.explode(rows).alias("_row"))
    return exploded.select(*[F.col("_row")[n].alias(n) for n, _ in fields])
