"""Splits one raw FHIR file into bronze resources and quarantined records (pure Python, no Spark).

Formats: a Bundle (.json), a single resource (.json), NDJSON (.ndjson, one resource per line), each optionally
gzip-compressed (.gz). Every record read comes out exactly once, as a Resource or as Quarantined.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from datetime import datetime

import simplejson

from lakehouse.bronze.records import Quarantined, Resource
from lakehouse.bronze.references import local_ids, rewrite_in_place
from lakehouse.bronze.validate import check_resource, json_type
from lakehouse.contracts import contract
from lakehouse.fhir_types import format_utc, parse_instant, r4_resource_types

# A whole file (or NDJSON line) nested deeper is quarantined whole; one resource's own bound is shape.py's
# (data/json_limits.json, which the TypeScript reader shares).
MAX_FILE_DEPTH: int = contract("json_limits")["maxFileDepth"]

# The version time of a resource that carries none: below every real instant in format_utc's sortable form.
NO_VERSION_TIME = "0000-01-01T00:00:00.000000Z"

Item = Resource | Quarantined


def dumps(value: object) -> str:
    """Compact JSON that keeps decimals exactly as received (1.50 stays 1.50)."""
    return simplejson.dumps(value, use_decimal=True, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> object:
    """JSON with decimals as Decimal, so re-serialising loses no precision. Raises TooDeepError past
    MAX_FILE_DEPTH, whether the parser's stack runs out first or the walk after it finds the depth."""
    try:
        value = simplejson.loads(text, use_decimal=True)
    except RecursionError:
        raise TooDeepError() from None
    # Nesting past the bound needs more brackets than the bound: counting them (in C) spares most walks.
    if text.count("{") + text.count("[") > MAX_FILE_DEPTH and depth_exceeds(value, MAX_FILE_DEPTH):
        raise TooDeepError()
    return value


class TooDeepError(ValueError):
    """JSON nested deeper than MAX_FILE_DEPTH."""

    reason = f"JSON nested deeper than {MAX_FILE_DEPTH} levels"


def depth_exceeds(value: object, limit: int) -> bool:
    """Whether objects and arrays nest more than `limit` levels (iterative: no recursion on hostile input)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def ndjson_lines(text: str) -> list[str]:
    """NDJSON lines: split on \\n only (a trailing \\r dropped). str.splitlines would also split inside strings
    at U+2028, U+2029, U+0085 and other characters JSON allows unescaped."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def parse_file(source_file: str, content: bytes) -> Iterator[Item]:
    """Every record of one raw file."""
    name = source_file.lower()
    if name.endswith(".gz"):
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError, zlib.error):
            yield _whole_file(source_file, "not a valid gzip stream (corrupt or truncated)", content)
            return
        name = name[:-3]
    text, problem = _decode(content)
    if problem:
        yield _whole_file(source_file, problem, content)
        return
    if name.endswith(".ndjson"):
        yield from _parse_ndjson(source_file, text)
    else:
        yield from _parse_json(source_file, text)


def _decode(content: bytes) -> tuple[str, str | None]:
    if content.startswith(b"\xef\xbb\xbf"):
        return "", "starts with a UTF-8 byte order mark, which JSON (RFC 8259) does not allow"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", "UTF-16 text; FHIR JSON must be UTF-8"
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as err:
        return "", f"not UTF-8: invalid byte at offset {err.start}"
    if not text.strip():
        return "", "empty file"
    return text, None


def _whole_file(source_file: str, reason: str, content: bytes) -> Quarantined:
    raw = content.decode("utf-8", errors="replace")
    return Quarantined(source_file, "file", reason, None, None, None, raw)


def _parse_json(source_file: str, text: str) -> Iterator[Item]:
    try:
        value = loads(text)
    except simplejson.JSONDecodeError as err:
        yield Quarantined(
            source_file,
            "file",
            f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}",
            None,
            None,
            None,
            text,
        )
        return
    except TooDeepError as err:
        yield Quarantined(source_file, "file", err.reason, None, None, None, text)
        return
    if isinstance(value, dict) and value.get("resourceType") == "Bundle":
        yield from _parse_bundle(source_file, value, text)
        return
    problem = check_resource(value)
    if problem:
        yield _quarantine(source_file, "file", problem, value, text)
        return
    yield _resource(source_file, "file", value, text, text, None)


def _parse_ndjson(source_file: str, text: str) -> Iterator[Item]:
    for number, line in enumerate(ndjson_lines(text), start=1):
        if not line.strip():
            continue  # blank lines carry no record (NDJSON allows a trailing newline)
        position = f"line {number}"
        try:
            value = loads(line)
        except simplejson.JSONDecodeError as err:
            yield Quarantined(
                source_file, position, f"invalid JSON at column {err.colno}: {err.msg}", None, None, None, line
            )
            continue
        except TooDeepError as err:
            yield Quarantined(source_file, position, err.reason, None, None, None, line)
            continue
        problem = check_resource(value)
        if problem:
            yield _quarantine(source_file, position, problem, value, line)
        elif value["resourceType"] == "Bundle":
            yield Quarantined(
                source_file,
                position,
                "a Bundle inside NDJSON; send bundles as .json files",
                "resourceType",
                "Bundle",
                None,
                line,
            )
        else:
            yield _resource(source_file, position, value, line, line, None)


def _parse_bundle(source_file: str, bundle: dict, text: str) -> Iterator[Item]:
    entries = bundle.get("entry", [])
    if not isinstance(entries, list):
        yield Quarantined(
            source_file,
            "file",
            f"Bundle.entry must be an array, got {json_type(entries)}",
            "Bundle.entry",
            "Bundle",
            None,
            text,
        )
        return
    stamp_text = bundle.get("timestamp")
    stamp = parse_instant(stamp_text) if isinstance(stamp_text, str) else None
    ids = local_ids(entries)
    for index, entry in enumerate(entries):
        position = f"entry[{index}]"
        if not isinstance(entry, dict):
            yield Quarantined(
                source_file,
                position,
                f"Bundle entry must be an object, got {json_type(entry)}",
                "Bundle.entry",
                None,
                None,
                dumps(entry),
            )
            continue
        request = entry.get("request") if isinstance(entry.get("request"), dict) else {}
        if request.get("method") == "DELETE":
            yield _delete(source_file, position, entry, request, stamp, stamp_text)
            continue
        resource = entry.get("resource")
        if resource is None:
            yield Quarantined(
                source_file,
                position,
                "Bundle entry has no resource and is not a DELETE",
                "Bundle.entry.resource",
                None,
                None,
                dumps(entry),
            )
            continue
        problem = check_resource(resource)
        if problem:
            yield _quarantine(source_file, position, problem, resource, dumps(resource))
            continue
        raw = dumps(resource)
        yield _resource(
            source_file, position, resource, raw, dumps(resource) if rewrite_in_place(resource, ids) else raw, stamp
        )


def _delete(
    source_file: str, position: str, entry: dict, request: dict, stamp: datetime | None, stamp_text: object
) -> Item:
    url = request.get("url")
    parts = url.split("?")[0].strip("/").split("/") if isinstance(url, str) else []
    if len(parts) != 2:
        return Quarantined(
            source_file,
            position,
            "DELETE entry needs request.url of the form Type/id",
            "Bundle.entry.request.url",
            None,
            None,
            dumps(entry),
        )
    rtype, rid = parts
    probe = check_resource({"resourceType": rtype, "id": rid})
    if probe:
        return Quarantined(
            source_file, position, f"DELETE entry: {probe[0]}", "Bundle.entry.request.url", None, None, dumps(entry)
        )
    if stamp is None:
        reason = "DELETE entry in a Bundle without a valid timestamp (the delete's time is unknown)"
        if stamp_text is not None:
            reason = "DELETE entry in a Bundle whose timestamp is not a valid FHIR instant"
        return Quarantined(source_file, position, reason, "Bundle.timestamp", rtype, rid, dumps(entry))
    return Resource(rtype, rid, format_utc(stamp), "bundle", True, None, None, source_file, position)


def _quarantine(source_file: str, position: str, problem: tuple[str, str], value: object, raw: str) -> Quarantined:
    reason, field = problem
    rtype = value.get("resourceType") if isinstance(value, dict) else None
    rid = value.get("id") if isinstance(value, dict) else None
    return Quarantined(
        source_file,
        position,
        reason,
        field,
        rtype if isinstance(rtype, str) and rtype in r4_resource_types() else None,  # else it may be anything
        rid if isinstance(rid, str) else None,
        raw,
    )


def _resource(
    source_file: str,
    position: str,
    resource: dict,
    text: str,
    resolved: str,
    stamp: datetime | None,
) -> Resource:
    last_updated, origin = last_updated_of(resource, stamp)
    return Resource(
        resource["resourceType"], resource["id"], last_updated, origin, False, text, resolved, source_file, position
    )


def last_updated_of(resource: dict, bundle_stamp: datetime | None) -> tuple[str, str]:
    """The version time of a resource: meta.lastUpdated, else the Bundle's timestamp, else NO_VERSION_TIME: a
    version with no time loses to any version with one (never to when its file happened to be copied)."""
    meta = resource.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("lastUpdated"), str):
        return format_utc(parse_instant(meta["lastUpdated"])), "meta"
    if bundle_stamp is not None:
        return format_utc(bundle_stamp), "bundle"
    return NO_VERSION_TIME, "none"
