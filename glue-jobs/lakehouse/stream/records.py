"""One record of the vitals stream: checked as bronze checks a resource, then as a vital sign (a known LOINC
code, its UCUM unit, a value a human can have, a patient subject, an instant), and turned into a `vitals` row.
A failure is (reason, field) naming no patient and no value."""

from __future__ import annotations

import json
import math
from typing import Any

from lakehouse.bronze.shape import json_type
from lakehouse.bronze.validate import check_resource
from lakehouse.contracts import contract
from lakehouse.fhir_types import ID_PATTERN, parse_instant

LOINC = "http://loinc.org"
CODES: dict = {c["loinc"]: c for c in contract("vital_signs")["codes"]}
VITALS_COLUMNS = ["id", "patient_id", "loinc", "value", "unit", "effective_ts"]

Problem = tuple[str, str]


def parse_vital(data: bytes) -> tuple[dict | None, Problem | None]:
    """(row, None) for a valid vital-sign Observation, else (None, (reason, field))."""
    try:
        resource: Any = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None, ("the record is not UTF-8 text", "record")
    except ValueError:
        return None, ("the record is not JSON", "record")
    kind = resource.get("resourceType") if isinstance(resource, dict) else None
    if isinstance(kind, str) and kind != "Observation":
        return None, ("not an Observation: the stream carries vital signs only", "resourceType")
    problem = check_resource(resource)
    if problem is not None:
        return None, problem
    if "id" not in resource:
        return None, ("missing id: a reading without an id cannot be kept exactly once", "id")
    return _vital(resource)


def _vital(o: dict) -> tuple[dict | None, Problem | None]:
    subject = o["subject"].get("reference") if isinstance(o.get("subject"), dict) else None
    if not isinstance(subject, str) or not subject.startswith("Patient/"):
        return None, ("subject.reference must be Patient/<id>", "subject.reference")
    patient_id = subject.removeprefix("Patient/")
    if not ID_PATTERN.fullmatch(patient_id):
        return None, ("subject.reference's id does not match the FHIR id pattern", "subject.reference")
    codings = (o.get("code") or {}).get("coding") if isinstance(o.get("code"), dict) else None
    loinc = next(
        (c.get("code") for c in codings or [] if isinstance(c, dict) and c.get("system") == LOINC and "code" in c),
        None,
    )
    if loinc is None:
        return None, ("code.coding has no LOINC coding", "code.coding")
    if loinc not in CODES:
        return None, ("the LOINC code is not a vital sign of vital_signs.json", "code.coding")
    spec = CODES[loinc]
    quantity = o.get("valueQuantity")
    if not isinstance(quantity, dict):
        return None, ("missing valueQuantity", "valueQuantity")
    value = quantity.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None, (f"valueQuantity.value must be a number, got {json_type(value)}", "valueQuantity.value")
    if quantity.get("code") != spec["ucum"]:
        return None, (f"valueQuantity.code must be the UCUM unit {spec['ucum']} for this code", "valueQuantity.code")
    low, high = spec["physiological"]["min"], spec["physiological"]["max"]
    if not low <= value <= high:
        return None, (f"valueQuantity.value outside the physiological range {low}..{high}", "valueQuantity.value")
    effective = o.get("effectiveDateTime")
    at = parse_instant(effective) if isinstance(effective, str) else None
    if at is None:
        return None, ("effectiveDateTime must be an instant (date, time and zone)", "effectiveDateTime")
    row = {
        "id": o["id"],
        "patient_id": patient_id,
        "loinc": loinc,
        "value": float(value),
        "unit": spec["ucum"],
        "effective_ts": at,
    }
    return row, None
