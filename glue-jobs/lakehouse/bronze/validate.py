"""Checks a resource must pass to enter bronze; each failure names the field and says why, without patient data."""

from __future__ import annotations

from typing import Any

from lakehouse.bronze.shape import json_type, shape_problem
from lakehouse.fhir_types import ID_PATTERN, parse_instant, r4_resource_types


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
        return "resourceType is not a FHIR R4 resource type (the value is not repeated here)", "resourceType"
    return _check_id(resource) or _check_meta(resource) or shape_problem(resource)


def _check_id(resource: dict) -> tuple[str, str] | None:
    rid = resource.get("id")
    if rid is None:
        return "missing id", "id"
    if not isinstance(rid, str):
        return f"id must be a string, got {json_type(rid)}", "id"
    if not ID_PATTERN.fullmatch(rid):
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
