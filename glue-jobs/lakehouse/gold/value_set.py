"""The infection value set (data/infection_value_set.json) as a Spark predicate over system and code columns."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pyspark.sql import Column
from pyspark.sql import functions as F


@dataclass(frozen=True)
class InfectionValueSet:
    """ICD-10 code prefixes (dots removed, upper case) and SNOMED CT codes, each with the systems they belong to."""

    icd10_systems: tuple[str, ...]
    icd10_prefixes: tuple[str, ...]
    snomed_systems: tuple[str, ...]
    snomed_codes: tuple[str, ...]


def load_value_set(path: str | Path | None = None) -> InfectionValueSet:
    """Reads the value set file (the packaged one by default; a deployment may pass its own, wider one)."""
    if path is None:
        text = resources.files("lakehouse.data").joinpath("infection_value_set.json").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    data = json.loads(text)
    return InfectionValueSet(
        tuple(data["icd10"]["systems"]),
        tuple(_normalise(p) for p in data["icd10"]["prefixes"]),
        tuple(data["snomed"]["systems"]),
        tuple(data["snomed"]["codes"]),
    )


def _normalise(code: str) -> str:
    return code.replace(".", "").strip().upper()


def is_infection(value_set: InfectionValueSet, system: Column, code: Column) -> Column:
    """True when (system, code) is in the value set; ICD-10 codes match by prefix, with or without the dot."""
    icd_code = F.upper(F.regexp_replace(F.trim(code), r"\.", ""))
    icd_match = F.lit(False)
    for prefix in value_set.icd10_prefixes:
        icd_match = icd_match | icd_code.startswith(prefix)
    return F.coalesce(
        (system.isin(*value_set.icd10_systems) & icd_match)
        | (system.isin(*value_set.snomed_systems) & F.trim(code).isin(*value_set.snomed_codes)),
        F.lit(False),
    )
