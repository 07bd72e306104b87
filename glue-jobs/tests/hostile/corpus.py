"""The project's hostile corpus (README.md here lists each kind and its expected outcome): a raw folder of valid
data delivered in every awkward way a file system and a JSON writer allow, bad records beside it, and entries that
are not files; and the same valid data as plain files, the folder the hostile one must mean.

Every patient-looking value, and every name and unknown key a hostile record carries, contains PHI_MARKER, so a
test can prove no reason, log line or summary repeats one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

PHI_MARKER = "Zzphi"
ACT = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition"
SEPSIS = {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "A41.9"}
ZONE = [{"line": [f"1 {PHI_MARKER} Street"], "city": "Kumasi", "state": "Ashanti", "country": "Ghana"}]


def patient(pid: str, **extra) -> dict:
    name = [{"family": f"{PHI_MARKER}-{pid}", "given": ["Ama"]}]
    resource = {"resourceType": "Patient", "id": pid, "meta": {"lastUpdated": "2024-01-01T00:00:00Z"}}
    return {**resource, "name": name, "address": ZONE, "birthDate": "1960-01-01", **extra}


def encounter(eid: str, pid: str, start: str | None, end: str | None, died: bool = False, **extra) -> dict:
    period = {k: v for k, v in (("start", start), ("end", end)) if v}
    resource = {
        "resourceType": "Encounter",
        "id": eid,
        "meta": {"lastUpdated": "2024-01-01T00:00:00Z"},
        "status": "finished",
        "class": {"system": ACT, "code": "IMP"},
        "subject": {"reference": f"Patient/{pid}"},
        "serviceProvider": {"reference": "Organization/f1"},
        "period": period,
        "hospitalization": {
            "dischargeDisposition": {"coding": [{"system": DISPOSITION, "code": "exp" if died else "home"}]}
        },
    }
    return {**resource, **extra}


def condition(cid: str, pid: str, eid: str, **extra) -> dict:
    return {
        "resourceType": "Condition",
        "id": cid,
        "meta": {"lastUpdated": "2024-01-01T00:00:00Z"},
        "code": {"coding": [SEPSIS]},
        "subject": {"reference": f"Patient/{pid}"},
        "encounter": {"reference": f"Encounter/{eid}"},
        **extra,
    }


def bundle(*resources: dict, full_urls: bool = False) -> dict:
    entries = [{**({"fullUrl": f"urn:uuid:{r['id']}"} if full_urls else {}), "resource": r} for r in resources]
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def ndjson(*resources: dict, newline: str = "\n") -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + newline for r in resources)


FACILITY = {"resourceType": "Organization", "id": "f1", "meta": {"lastUpdated": "2024-01-01T00:00:00Z"}, "name": "KATH"}


@dataclass
class Corpus:
    """What the hostile folder holds and what a run over it must report."""

    valid_records: int = 0
    quarantined: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # kind -> (reason part, field)
    not_read: dict[str, int] = field(default_factory=dict)  # reason -> entries


def write(hostile: Path, plain: Path) -> Corpus:
    """Writes the hostile folder and its plain meaning; returns what a run over the hostile one must report."""
    hostile.mkdir(parents=True, exist_ok=True)
    plain.mkdir(parents=True, exist_ok=True)
    corpus = Corpus()

    def both(name: str, plain_name: str, text: str, records: int) -> None:
        (hostile / name).write_text(text, encoding="utf-8")
        (plain / plain_name).write_text(text, encoding="utf-8")
        corpus.valid_records += records

    def bad(name: str, text: str | bytes, kind: str, reason: str, field_name: str | None) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        (hostile / name).write_bytes(data)
        corpus.quarantined[kind] = (reason, field_name)

    # Valid data under names Spark would read as globs or URIs, each read once and exactly.
    both("[1].json", "a1.json", json.dumps(bundle(FACILITY, patient("p1"))), 2)
    both(
        "{a,b}.json",
        "a2.json",
        json.dumps(bundle(encounter("e1", "p1", "2024-01-02T00:00:00Z", "2024-01-05T00:00:00Z"))),
        1,
    )
    both("h?.json", "a3.json", json.dumps(patient("p2")), 1)
    both("hX.json", "a4.json", json.dumps(patient("p3")), 1)
    both("2024-01-07T10:00:00+02:00.ndjson", "a5.ndjson", ndjson(condition("c1", "p1", "e1")), 1)
    # NDJSON with CRLF and strings holding U+2028, U+2029 and U+0085: three records, not seven fragments.
    odd = [
        patient(f"p{n}", name=[{"text": f"{PHI_MARKER}{c}x"}]) for n, c in ((4, "\u2028"), (5, "\u2029"), (6, "\u0085"))
    ]
    both("lines.ndjson", "a6.ndjson", ndjson(*odd, newline="\r\n"), 3)
    # Equal lastUpdated in one bundle: entry[10] beats entry[9] (positions compare as numbers). Plain: the winner.
    versions = [encounter("e2", "p2", "2024-01-10T00:00:00Z", f"2024-01-{11 + n:02d}T00:00:00Z") for n in range(11)]
    (hostile / "ties.json").write_text(json.dumps(bundle(*versions)), encoding="utf-8")
    (plain / "ties.json").write_text(json.dumps(bundle(versions[10])), encoding="utf-8")
    corpus.valid_records += 11
    # A urn:uuid reference to a resource outside its bundle resolves to the uuid itself (docs/kpis.md).
    outside = encounter("e3", "p3", "2024-02-01T00:00:00Z", "2024-02-03T00:00:00Z", died=True)
    outside["subject"] = {"reference": "urn:uuid:p3"}
    both("outside.json", "a7.json", json.dumps(bundle(outside, full_urls=True)), 1)
    # Old and out-of-range times: a patient born 1880 who died in 1890 in an 1889 stay (kept: the range starts in
    # 1800, written without Spark's ancient-datetime error); a stay starting in year 10000 and one in year 1
    # have no start (left out of discharges), written as stays without a start in the plain folder.
    old = patient("p7", birthDate="1880-05-01", deceasedDateTime="1890-03-01T00:00:00Z")
    both(
        "old.json",
        "a8.json",
        json.dumps(bundle(old, encounter("e4", "p7", "1889-12-01T00:00:00Z", "1890-03-01T00:00:00Z", died=True))),
        2,
    )
    far = encounter("e5", "p4", "10000-01-01T00:00:00Z", "2024-03-02T00:00:00Z")
    ancient = encounter("e6", "p5", "0001-01-01T00:00:00Z", "2024-03-02T00:00:00Z")
    (hostile / "far.ndjson").write_text(ndjson(far, ancient), encoding="utf-8")
    no_start = [encounter(e, p, None, "2024-03-02T00:00:00Z") for e, p in (("e5", "p4"), ("e6", "p5"))]
    (plain / "far.ndjson").write_text(ndjson(*no_start), encoding="utf-8")
    corpus.valid_records += 2
    # A symlink to a regular file outside the folder is followed once.
    outside_dir = hostile.parent / f"{hostile.name}-elsewhere"
    outside_dir.mkdir(exist_ok=True)
    (outside_dir / "target.json").write_text(json.dumps(patient("p8")), encoding="utf-8")
    (hostile / "link.json").symlink_to(outside_dir / "target.json")
    (plain / "link.json").write_text(json.dumps(patient("p8")), encoding="utf-8")
    corpus.valid_records += 1

    # Records that must be quarantined, each a later version of a valid resource where it has an id, so a
    # record that got in would change the KPIs.
    later = {"meta": {"lastUpdated": "2024-06-01T00:00:00Z"}}
    coding_object = encounter("e1", "p1", "2024-01-02T00:00:00Z", "2024-01-05T00:00:00Z", **later)
    coding_object["hospitalization"] = {"dischargeDisposition": {"coding": {"system": DISPOSITION, "code": "home"}}}
    bad(
        "coding-object.ndjson",
        ndjson(coding_object),
        "disposition coding an object",
        "must be a JSON array, got object",
        "hospitalization.dischargeDisposition.coding",
    )
    bad(
        "code-object.ndjson",
        ndjson(condition("c1", "p1", "e1", code={"coding": SEPSIS}, **later)),
        "condition coding an object",
        "must be a JSON array, got object",
        "code.coding",
    )
    both_periods = encounter("e3", "p3", "2024-02-01T00:00:00Z", "2024-02-03T00:00:00Z", **later)
    both_periods["Period"] = both_periods["period"]
    bad("periods.ndjson", ndjson(both_periods), "period and Period", "case-sensitive", "period")
    bad("id-newline.ndjson", ndjson(patient("p1\n", **later)), "id with a trailing newline", "FHIR id pattern", "id")
    bad(
        "unknown-type.ndjson",
        ndjson({"resourceType": f"{PHI_MARKER} Doe", "id": "x"}),
        "unknown resourceType",
        "not a FHIR R4 resource type",
        "resourceType",
    )
    bad(
        "unknown-key.ndjson",
        ndjson(patient("p2", **{f"{PHI_MARKER} Doe": "x"}, **later)),
        "unknown element",
        "does not define",
        "Patient",
    )
    deep = '{"resourceType":"Patient","id":"p9","x":' + "[" * 10_000 + "]" * 10_000 + "}"
    bad("deep.json", deep, "JSON 10,000 levels deep", "nested deeper than 512", None)

    # Entries that are not regular files: left out, counted by reason, never opened.
    (hostile / "dangling.json").symlink_to(hostile / "missing.json")
    (hostile / "loop-a.json").symlink_to(hostile / "loop-b.json")
    (hostile / "loop-b.json").symlink_to(hostile / "loop-a.json")
    os.mkfifo(hostile / "fifo.ndjson")
    corpus.not_read = {
        "a dangling symlink, or removed while listed": 1,
        "a symlink to a symlink (followed once only)": 2,
        "not a regular file (a folder link, FIFO, socket or device)": 1,
    }
    return corpus
