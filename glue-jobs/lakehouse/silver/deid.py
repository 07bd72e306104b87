"""The de-identified patient table: what analysts may see without access to PHI."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from lakehouse.silver.tables import RESOURCE_ID

AGE_TOP_CODE = 90  # HIPAA Safe Harbor: ages over 89 are grouped
VERSION_TIME = "_version_time"


def deidentified_patients(patient: DataFrame) -> DataFrame:
    """One row per patient id: no names, identifiers, street or full postal code; birth year only, and no
    birth year at all for patients aged 90 or more (their age band is '90+'); postal code cut to 3 characters.
    Age is as of the version's time (`_version_time`, the record's last update), not of the run, so a row
    only changes when the patient's record does (a full refresh and an incremental run agree)."""
    age = F.floor(F.months_between(F.to_date(VERSION_TIME), F.col("birth_date")) / 12).cast("int")
    top = age >= AGE_TOP_CODE
    return patient.select(
        RESOURCE_ID,
        "id",
        "gender",
        F.when(top, F.lit(None).cast("int")).otherwise(F.year("birth_date")).alias("birth_year"),
        F.when(top, F.lit("90+")).otherwise(age.cast("string")).alias("age"),
        "country",
        "state",
        F.substring("postal_code", 1, 3).alias("postal_code_prefix"),
        (F.col("deceased_datetime").isNotNull() | F.coalesce("deceased_boolean", F.lit(False))).alias("is_deceased"),
    )
