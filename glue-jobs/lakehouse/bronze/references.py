"""Rewrites bundle-local `urn:uuid:` references to `Type/id`, the form every later layer reads."""

from __future__ import annotations


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


def rewrite_in_place(value: object, ids: dict[str, str]) -> bool:
    """Replaces every Reference.reference of `value` found in `ids`; whether any was. Iterative, so no input
    nesting can exhaust the stack; in place, as the caller has already serialised the original."""
    changed = False
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("reference")
            if isinstance(ref, str) and ref in ids:
                item["reference"] = ids[ref]
                changed = True
            stack.extend(child for child in item.values() if isinstance(child, (dict, list)))
        elif isinstance(item, list):
            stack.extend(child for child in item if isinstance(child, (dict, list)))
    return changed


def resolve_bundle_references(entries: list) -> list[object]:
    """Each entry's resource with bundle-local references resolved (None where an entry has no resource).
    Rewrites the entries' resources in place."""
    ids = local_ids(entries)
    resources = [entry.get("resource") if isinstance(entry, dict) else None for entry in entries]
    for resource in resources:
        rewrite_in_place(resource, ids)
    return resources
