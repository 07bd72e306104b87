"""Rewrites bundle-local `urn:uuid:` references to `Type/id`, the form every later layer reads."""

from __future__ import annotations

from typing import Any


def local_ids(entries: list) -> dict[str, str]:
    """fullUrl -> 'Type/id' for the entries of one Bundle that carry a resource with both."""
    found: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        resource = entry.get("resource")
        full_url = entry.get("fullUrl")
        if isinstance(full_url, str) and isinstance(resource, dict):
            rtype, rid = resource.get("resourceType"), resource.get("id")
            if isinstance(rtype, str) and isinstance(rid, str):
                found[full_url] = f"{rtype}/{rid}"
    return found


def rewrite(value: Any, ids: dict[str, str]) -> Any:
    """A copy of `value` where every Reference.reference found in `ids` is replaced; the rest unchanged."""
    if isinstance(value, dict):
        out = {key: rewrite(item, ids) for key, item in value.items()}
        ref = value.get("reference")
        if isinstance(ref, str) and ref in ids:
            out["reference"] = ids[ref]
        return out
    if isinstance(value, list):
        return [rewrite(item, ids) for item in value]
    return value


def resolve_bundle_references(entries: list) -> list[Any]:
    """Each entry's resource with bundle-local references resolved (None where an entry has no resource)."""
    ids = local_ids(entries)
    return [rewrite(entry.get("resource"), ids) if isinstance(entry, dict) else None for entry in entries]
