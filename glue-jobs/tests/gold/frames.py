"""Hand-made silver rows for KPI tests: small builders with only the columns gold reads."""

from __future__ import annotations

from datetime import UTC, datetime

from pyspark.sql.types import BooleanType, StringType, StructField, StructType, TimestampType

ENCOUNTER = StructType(
    [
        StructField("id", StringType()),
        StructField("patient_id", StringType()),
        StructField("class_code", StringType()),
        StructField("start_ts", TimestampType()),
        StructField("end_ts", TimestampType()),
        StructField("facility_id", StringType()),
        StructField("discharge_disposition", StringType()),
    ]
)
PATIENT = StructType(
    [
        StructField("id", StringType()),
        StructField("country", StringType()),
        StructField("state", StringType()),
        StructField("deceased_datetime", TimestampType()),
        StructField("deceased_boolean", BooleanType()),
    ]
)
CODING = StructType(
    [
        StructField("condition_id", StringType()),
        StructField("encounter_id", StringType()),
        StructField("system", StringType()),
        StructField("code", StringType()),
    ]
)
SNOMED, ICD10CM = "http://snomed.info/sct", "http://hl7.org/fhir/sid/icd-10-cm"


def ts(text: str | None) -> datetime | None:
    """'2024-01-31 10:00' (UTC) as an aware datetime."""
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def enc(eid, pid, cls, start, end, facility="f1", disposition=None) -> tuple:
    return (eid, pid, cls, ts(start), ts(end), facility, disposition)


def pat(pid, country="Ghana", state="Ashanti", deceased=None, deceased_boolean=None) -> tuple:
    return (pid, country, state, ts(deceased), deceased_boolean)


def frames(spark, encounters, patients, codings=()):
    return (
        spark.createDataFrame(encounters, ENCOUNTER),
        spark.createDataFrame(patients, PATIENT),
        spark.createDataFrame(list(codings), CODING),
    )
