"""FHIR R4 facts the jobs rely on: the resource types, the id pattern, and instant parsing."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from functools import cache
from importlib import resources

# Both patterns are used with fullmatch: "$" would also accept a value ending in a newline.
ID_PATTERN = re.compile(r"[A-Za-z0-9\-.]{1,64}")
# FHIR instant / dateTime with a time: seconds required, fraction optional, zone required (Z or +hh:mm).
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})")


@cache
def r4_resource_types() -> frozenset[str]:
    """The 146 resource types of FHIR R4, from HL7's R4 JSON Schema (shipped as a data file)."""
    text = resources.files("lakehouse.data").joinpath("fhir_r4_resource_types.json").read_text("utf-8")
    return frozenset(json.loads(text)["resourceTypes"])


def parse_instant(value: str) -> datetime | None:
    """A FHIR instant (timezone required) as an aware UTC datetime, or None when it is not one."""
    if not _INSTANT.fullmatch(value):
        return None
    # Python parses at most 6 fraction digits; FHIR allows more, which carry no meaning here.
    head, _, rest = value.partition(".")
    if rest:
        digits = re.match(r"\d+", rest).group(0)
        value = f"{head}.{digits[:6]}{rest[len(digits) :]}"
    try:
        return datetime.fromisoformat(value).astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: an offset that moves year 1 or 9999 out of range
        return None


def format_utc(moment: datetime) -> str:
    """An aware datetime as a fixed-width UTC string that sorts in time order: 2024-01-31T23:59:59.000000Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
