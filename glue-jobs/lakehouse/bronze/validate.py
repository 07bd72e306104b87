"""Checks a resource must pass to enter bronze; each failure names the field and says why, without patient data."""

from __future__ import annotations

from typing import Any

from lakehouse.contracts import contract
from lakehouse.fhir_types import ID_PATTERN, parse_instant, r4_resource_types

_PYTHON_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}
_JSON_NAMES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value (Decimal counts as number)."""
    if value is None:
        return "null"
    return _JSON_NAMES.get(type(value), "number")


def check_resource(resource: Any) -> tuple[str, str] | None:
    """None when the resource may enter bronze, else (reason, field)."""
    if not isinstance(resource, dict):
        return f"expected a FHIR resource object, got a JSON {json_type(resource)}", "resource"
    rtype = resource.get("resourceType")
    if rtype is None:
        return "missing resourceType: not a FHIR resource", "resourceType"
    if not isinstance(rtype, str):
        return f"resourceType must be a string, got {json_type(rtype)}", "resourceType"
    if rtype not in r4_resource_types():
        return f"resourceType '{rtype[:64]}' is not a FHIR R4 resource type", "resourceType"
    return _check_id(resource) or _check_meta(resource) or _check_element_types(rtype, resource)


def _check_id(resource: dict) -> tuple[str, str] | None:
    rid = resource.get("id")
    if rid is None:
        return "missing id", "id"
    if not isinstance(rid, str):
        return f"id must be a string, got {json_type(rid)}", "id"
    if not ID_PATTERN.match(rid):
        return "id does not match the FHIR id pattern [A-Za-z0-9-.]{1,64}", "id"
    return None


def _check_meta(resource: dict) -> tuple[str, str] | None:
    meta = resource.get("meta")
    if meta is None:
        return None
    if not isinstance(meta, dict):
        return f"meta must be an object, got {json_type(meta)}", "meta"
    last = meta.get("lastUpdated")
    if last is None:
        return None
    if not isinstance(last, str):
        return f"meta.lastUpdated must be a string, got {json_type(last)}", "meta.lastUpdated"
    if parse_instant(last) is None:
        return "meta.lastUpdated is not a valid FHIR instant (date, time and zone)", "meta.lastUpdated"
    return None


def _check_element_types(rtype: str, resource: dict) -> tuple[str, str] | None:
    """The JSON type of the elements silver reads (data/element_types.json): another type would break a table."""
    for element, expected in contract("element_types")["types"].get(rtype, {}).items():
        value = resource.get(element)
        if value is not None and not isinstance(value, _PYTHON_TYPES[expected]):
            return f"{element} must be a JSON {expected}, got {json_type(value)}", element
    return None
