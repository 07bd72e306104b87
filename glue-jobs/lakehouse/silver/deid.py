"""The de-identified patient table: what analysts may see without access to PHI."""

from __future__ import annotations

from datetime import date

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

AGE_TOP_CODE = 90  # HIPAA Safe Harbor: ages over 89 are grouped


def deidentified_patients(patient: DataFrame, as_of: date) -> DataFrame:
    """One row per patient id: no names, identifiers, street or full postal code; birth year only, and no
    birth year at all for patients aged 90 or more (their age band is '90+'); postal code cut to 3 characters."""
    age = F.floor(F.months_between(F.lit(as_of), F.col("birth_date")) / 12).cast("int")
    top = age >= AGE_TOP_CODE
    return patient.select(
        "id",
        "gender",
        F.when(top, F.lit(None).cast("int")).otherwise(F.year("birth_date")).alias("birth_year"),
        F.when(top, F.lit("90+")).otherwise(age.cast("string")).alias("age"),
        "country",
        "state",
        F.substring("postal_code", 1, 3).alias("postal_code_prefix"),
        (F.col("deceased_datetime").isNotNull() | F.coalesce("deceased_boolean", F.lit(False))).alias("is_deceased"),
    )
