"""Hand-made raw files: good ones, and a bad-input corpus with the reason each must be quarantined for."""

from __future__ import annotations

import gzip
import json


def patient(pid: str = "p1", last_updated: str | None = "2024-03-01T10:00:00+02:00", **extra) -> dict:
    resource = {"resourceType": "Patient", "id": pid, "gender": "female", "birthDate": "1980-02-29", **extra}
    if last_updated:
        resource["meta"] = {"lastUpdated": last_updated}
    return resource


def encounter(eid: str, subject_ref: str, **extra) -> dict:
    return {
        "resourceType": "Encounter",
        "id": eid,
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
        "subject": {"reference": subject_ref},
        "period": {"start": "2024-01-01T08:00:00Z", "end": "2024-01-04T08:00:00Z"},
        **extra,
    }


def transaction(*resources: dict, timestamp: str | None = None, deletes: tuple[str, ...] = ()) -> dict:
    entries = [
        {
            "fullUrl": f"urn:uuid:{r.get('id', 'no-id')}",
            "resource": r,
            "request": {"method": "POST", "url": r["resourceType"]},
        }
        for r in resources
    ]
    entries += [{"request": {"method": "DELETE", "url": url}} for url in deletes]
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": entries}
    if timestamp:
        bundle["timestamp"] = timestamp
    return bundle


def as_bytes(value: object) -> bytes:
    return json.dumps(value).encode("utf-8")


def ndjson(*resources: dict) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in resources).encode("utf-8")


GOOD = as_bytes(patient())

# name -> (file name, content, expected reason fragment, expected field)
BAD_CORPUS: dict[str, tuple[str, bytes, str, str | None]] = {
    "truncated-json": ("truncated.json", GOOD[: len(GOOD) // 2], "invalid JSON at line 1", None),
    "bom": ("bom.json", b"\xef\xbb\xbf" + GOOD, "byte order mark", None),
    "utf16": ("utf16.json", json.dumps(patient()).encode("utf-16"), "UTF-16", None),
    "non-utf8": (
        "latin1.json",
        as_bytes(patient()).replace(b"female", "f\xe9male".encode("latin-1")),
        "not UTF-8",
        None,
    ),
    "empty-file": ("empty.json", b"", "empty file", None),
    "whitespace-only": ("blank.ndjson", b"\n  \n", "empty file", None),
    "json-array": ("array.json", as_bytes([patient()]), "got a JSON array", "resource"),
    "non-fhir-json": ("config.json", as_bytes({"name": "not fhir"}), "missing resourceType", "resourceType"),
    "missing-id": ("noid.json", as_bytes({"resourceType": "Patient", "gender": "male"}), "missing id", "id"),
    "id-wrong-type": (
        "numid.json",
        as_bytes({"resourceType": "Patient", "id": 42}),
        "id must be a string, got number",
        "id",
    ),
    "id-bad-pattern": ("badid.json", as_bytes({"resourceType": "Patient", "id": "has space"}), "FHIR id pattern", "id"),
    "unknown-resource-type": (
        "starship.json",
        as_bytes({"resourceType": "Starship", "id": "x1"}),
        "not a FHIR R4 resource type",
        "resourceType",
    ),
    "resource-type-wrong-type": (
        "rt.json",
        as_bytes({"resourceType": ["Patient"], "id": "x"}),
        "resourceType must be a string",
        "resourceType",
    ),
    "last-updated-wrong-type": (
        "lu.json",
        as_bytes(patient(last_updated=None, meta={"lastUpdated": 20240101})),
        "meta.lastUpdated must be a string",
        "meta.lastUpdated",
    ),
    "impossible-last-updated": (
        "lu2.json",
        as_bytes(patient(last_updated="2023-02-30T10:00:00Z")),
        "not a valid FHIR instant",
        "meta.lastUpdated",
    ),
    "element-wrong-type": (
        "addr.json",
        as_bytes(patient(address={"city": "Accra"})),
        "address must be a JSON array, got object",
        "address",
    ),
    "corrupt-gzip": ("broken.json.gz", gzip.compress(GOOD)[:20], "not a valid gzip stream", None),
    "delete-without-timestamp": (
        "del.json",
        as_bytes(transaction(deletes=("Patient/p1",))),
        "without a valid timestamp",
        "Bundle.timestamp",
    ),
    "entry-without-resource": (
        "nores.json",
        as_bytes({"resourceType": "Bundle", "type": "batch", "entry": [{"fullUrl": "urn:uuid:1"}]}),
        "no resource",
        "Bundle.entry.resource",
    ),
    "bad-ndjson-line": ("lines.ndjson", b'{"resourceType": "Patient", "id": "a"\n', "invalid JSON at column", None),
    # Past the parser's stack (RecursionError) and one past maxFileDepth (512): both quarantined, neither a crash.
    "json-10000-deep": (
        "deep.json",
        b'{"resourceType":"Patient","id":"d","x":' + b"[" * 10_000 + b"]" * 10_000 + b"}",
        "nested deeper than 512",
        None,
    ),
    "json-513-deep": (
        "deep513.ndjson",
        b'{"resourceType":"Patient","id":"d","x":' + b"[" * 512 + b"]" * 512 + b"}\n",
        "nested deeper than 512",
        None,
    ),
    "id-trailing-newline": ("idnl.json", as_bytes({"resourceType": "Patient", "id": "p1\n"}), "FHIR id pattern", "id"),
    "last-updated-trailing-newline": (
        "lunl.json",
        as_bytes(patient(last_updated="2024-03-01T10:00:00Z\n")),
        "not a valid FHIR instant",
        "meta.lastUpdated",
    ),
    "last-updated-overflows-year-1": (
        "lu1.json",
        as_bytes(patient(last_updated="0001-01-01T00:00:00+01:00")),
        "not a valid FHIR instant",
        "meta.lastUpdated",
    ),
}
