"""Turns the FHIR date/time columns a ViewDefinition declares into typed UTC columns, inside the lake's time range."""

from __future__ import annotations

from datetime import datetime

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from lakehouse.contracts import contract

TIMESTAMP_TYPES = {"dateTime", "instant"}
DATE_TYPES = {"date"}
# Per row: how many of its date/time values were invalid (unparseable or outside the range) and became null.
INVALID_TIMES = "_invalid_times"


def time_range() -> tuple[datetime, datetime]:
    """[earliest, before) of lakehouse/data/time_range.json, as naive UTC datetimes (the session zone is UTC)."""
    spec = contract("time_range")
    return tuple(datetime.fromisoformat(spec[k].replace("Z", "")) for k in ("earliest", "before"))


def normalise_times(frame: DataFrame, columns: list[tuple[str, str]]) -> DataFrame:
    """dateTime/instant columns become UTC timestamps (offsets such as +02:00 applied; partial dates at their
    start, e.g. '2012-08' -> 2012-08-01T00:00Z); date columns become dates. A value that does not parse or falls
    outside time_range() becomes null and is counted in INVALID_TIMES. The session time zone is UTC."""
    earliest, before = time_range()
    frame = frame.withColumn(INVALID_TIMES, F.lit(0))
    for name, fhir_type in columns:
        if name not in frame.columns or (fhir_type not in TIMESTAMP_TYPES and fhir_type not in DATE_TYPES):
            continue
        text = F.col(name).cast("string")
        if fhir_type in TIMESTAMP_TYPES:
            typed = text.cast("timestamp")
            low, high = F.lit(earliest).cast("timestamp"), F.lit(before).cast("timestamp")
        else:
            typed = F.to_date(text)
            low, high = F.lit(earliest.date()).cast("date"), F.lit(before.date()).cast("date")
        kept = F.when((typed >= low) & (typed < high), typed)
        # Counted from the text before the column is replaced by its typed value.
        frame = frame.withColumn(
            INVALID_TIMES, F.col(INVALID_TIMES) + F.when(text.isNotNull() & kept.isNull(), 1).otherwise(0)
        )
        frame = frame.withColumn(name, kept)
    return frame
