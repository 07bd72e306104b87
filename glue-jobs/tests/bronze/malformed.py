"""Valid R4 resources the KPIs read, and a hypothesis strategy that breaks exactly one element's R4 shape."""

from __future__ import annotations

import copy

from hypothesis import strategies as st

DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition"


def valid_resources(pid: str = "p1", eid: str = "e1", last_updated: str = "2024-02-01T00:00:00Z") -> list[dict]:
    """A patient who died in an inpatient stay with an infection, and a vital-signs observation."""
    meta = {"lastUpdated": last_updated}
    subject = {"reference": f"Patient/{pid}"}
    return [
        {
            "resourceType": "Patient",
            "id": pid,
            "meta": meta,
            "name": [{"use": "official", "family": "Okafor", "given": ["Ada", "N."], "prefix": ["Dr."]}],
            "telecom": [{"system": "phone", "value": "+234 801 234 5678", "use": "mobile"}],
            "gender": "female",
            "birthDate": "1950-03-01",
            "deceasedDateTime": "2024-01-05T10:00:00Z",
            "address": [{"line": ["1 Marina"], "city": "Lagos", "state": "Lagos", "country": "NG"}],
        },
        {
            "resourceType": "Encounter",
            "id": eid,
            "meta": meta,
            "status": "finished",
            "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
            "subject": subject,
            "period": {"start": "2024-01-01T08:00:00Z", "end": "2024-01-05T10:00:00Z"},
            "serviceProvider": {"reference": "Organization/f1"},
            "hospitalization": {"dischargeDisposition": {"coding": [{"system": DISPOSITION, "code": "exp"}]}},
        },
        {
            "resourceType": "Condition",
            "id": f"c-{eid}",
            "meta": meta,
            "clinicalStatus": {"coding": [{"code": "active"}]},
            "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "A41.9"}]},
            "subject": subject,
            "encounter": {"reference": f"Encounter/{eid}"},
            "onsetDateTime": "2024-01-02T00:00:00Z",
        },
        {
            "resourceType": "Observation",
            "id": f"o-{eid}",
            "meta": meta,
            "status": "final",
            "category": [{"coding": [{"code": "vital-signs"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
            "subject": subject,
            "encounter": {"reference": f"Encounter/{eid}"},
            "effectiveDateTime": "2024-01-02T09:00:00Z",
            "valueQuantity": {"value": 88, "unit": "/min"},
        },
    ]


def _paths(value, prefix=()) -> list[tuple]:
    """Every (key path) to an element below the resource root, resourceType and id excepted."""
    out = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        path = (*prefix, key)
        if not (len(path) == 1 and key in ("resourceType", "id")):
            out.append(path)
        out += _paths(child, path)
    return out


def _other_shape(value):
    """A value of another JSON shape than `value` (object, array, string, number, boolean)."""
    if isinstance(value, list):
        return st.sampled_from([value[0] if value else {"x": 1}, "text", 7])
    if isinstance(value, dict):
        return st.sampled_from([[value], "text", 7, True])
    if isinstance(value, bool):
        return st.sampled_from(["true", 1, {"value": True}, [value]])
    if isinstance(value, (int, float)):
        return st.sampled_from([str(value), True, {"value": value}, [value]])
    return st.sampled_from([1, False, {"value": value}, [value]])


@st.composite
def malformed(draw, resource: dict) -> tuple[dict, tuple]:
    """(a copy of `resource` with one element's shape broken, the path of the element broken)."""
    broken = copy.deepcopy(resource)
    path = draw(st.sampled_from(_paths(resource)))
    parent = broken
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    how = draw(st.sampled_from(["shape", "case", "unknown"] if isinstance(last, str) else ["shape"]))
    if how == "shape":
        parent[last] = draw(_other_shape(parent[last]))
    elif how == "case":  # e.g. Period beside (or instead of) period
        wrong = last[0].swapcase() + last[1:]
        if draw(st.booleans()):
            parent[wrong] = parent.pop(last)
        else:
            parent[wrong] = copy.deepcopy(parent[last])
    else:
        parent[last + "Xx"] = "unknown element"
    return broken, path
