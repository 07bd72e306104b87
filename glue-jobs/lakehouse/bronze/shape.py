"""R4 shape before any schema: every element of a resource must have the JSON shape FHIR R4 gives it (array or
single, object or which primitive, a name R4 defines, in its case), per lakehouse/data/fhir_r4_shapes.json.

Why before bronze: silver infers one Spark schema per resource type from all its resources. One record whose
`coding` is an object instead of an array turns that field's type into a string for every record, and every
code in the lake reads as null. Quarantining the record keeps the others readable exactly as they are.
A reason names the element by its path in the resource (hospitalization.dischargeDisposition.coding) and says
what JSON type it had, never a value; an unknown element name is not repeated (a name can be anything).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from lakehouse.contracts import contract
from lakehouse.fhir_types import r4_resource_types

# Deeper nesting is refused (data/json_limits.json, which the TypeScript reader shares).
MAX_DEPTH: int = contract("json_limits")["maxDepth"]
_PRIMITIVES = {"s": (str,), "n": (int, float, Decimal), "b": (bool,)}
_KIND_NAMES = {"s": "string", "n": "number", "b": "boolean"}


@cache
def _types() -> dict[str, dict[str, str]]:
    return contract("fhir_r4_shapes")["types"]


@cache
def _folded(type_name: str) -> dict[str, str]:
    """Lower-cased element name -> R4 name, to tell a wrong case from an unknown name."""
    return {name.lower(): name for name in _types()[type_name]}


def json_type(value: object) -> str:
    """The JSON type name of a parsed value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string" if isinstance(value, str) else "number"


def shape_problem(resource: dict) -> tuple[str, str] | None:
    """None when every element of the resource (a dict with a known R4 resourceType) has its R4 shape, else
    (reason, field) for the first that does not."""
    types = _types()
    stack: list[tuple[dict, str, str, int]] = [(resource, resource["resourceType"], "", 1)]
    while stack:
        value, type_name, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"{path}: elements nested deeper than {MAX_DEPTH} levels", path
        spec = types[type_name]
        for name, child in value.items():
            shape = spec.get(name)
            if shape is None:
                return _unknown(type_name, path, name)
            if child is None:
                continue  # a null is read as absent by every reader: it cannot change another record's schema
            field = f"{path}.{name}" if path else name
            if shape[0] == "[":
                if not isinstance(child, list):
                    return f"{field} must be a JSON array, got {json_type(child)}", field
                items, shape = child, shape[1:]
            else:
                if isinstance(child, list):
                    return f"{field} must be a single JSON {_kind(shape)}, got an array", field
                items = (child,)
            for item in items:
                if item is None:
                    continue  # nulls keep primitive arrays aligned with their _element arrays
                problem = _item_problem(item, shape, field)
                if problem:
                    return problem
                if isinstance(item, dict):
                    target = item["resourceType"] if shape == "Resource" else shape
                    stack.append((item, target, field if shape != "Resource" else f"{field}.{target}", depth + 1))
    return None


def _item_problem(item: object, shape: str, field: str) -> tuple[str, str] | None:
    kinds = _PRIMITIVES.get(shape)
    if kinds is not None:
        if isinstance(item, kinds) and not (shape == "n" and isinstance(item, bool)):
            return None
        return f"{field} must be a JSON {_KIND_NAMES[shape]}, got {json_type(item)}", field
    if not isinstance(item, dict):
        return f"{field} must be a JSON object, got {json_type(item)}", field
    if shape == "Resource":
        rtype = item.get("resourceType")
        if not isinstance(rtype, str) or rtype not in r4_resource_types():
            return f"{field} must be a FHIR resource with a known resourceType", field
    return None


def _kind(shape: str) -> str:
    return _KIND_NAMES.get(shape, "object")


def _unknown(type_name: str, path: str, name: str) -> tuple[str, str]:
    known = _folded(type_name).get(name.lower())
    if known is not None:
        field = f"{path}.{known}" if path else known
        return f"{field} is written '{name}': element names are case-sensitive", field
    where = path or type_name
    return f"{where} has an element R4 ({type_name}) does not define; its name is not repeated here", where
