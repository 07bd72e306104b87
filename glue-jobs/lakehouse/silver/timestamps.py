"""Turns the FHIR date/time columns a ViewDefinition declares into typed UTC columns."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

TIMESTAMP_TYPES = {"dateTime", "instant"}
DATE_TYPES = {"date"}


def normalise_times(frame: DataFrame, columns: list[tuple[str, str]]) -> DataFrame:
    """dateTime/instant columns become UTC timestamps (offsets such as +02:00 applied; partial dates at their
    start, e.g. '2012-08' -> 2012-08-01T00:00Z); date columns become dates. The session time zone is UTC."""
    for name, fhir_type in columns:
        if name not in frame.columns:
            continue
        if fhir_type in TIMESTAMP_TYPES:
            frame = frame.withColumn(name, F.col(name).cast("string").cast("timestamp"))
        elif fhir_type in DATE_TYPES:
            frame = frame.withColumn(name, F.to_date(F.col(name).cast("string")))
    return frame
