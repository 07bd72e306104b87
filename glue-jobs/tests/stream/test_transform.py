"""A micro-batch with good, re-sent and bad records: one vitals row per Observation id, every bad record in the
quarantine with its reason, and the counts adding up."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta

from pyspark.sql.types import BinaryType, StringType, StructField, StructType, TimestampType

from lakehouse.stream.transform import split_batch
from tests.stream.test_records import GOOD

RAW = StructType(
    [
        StructField("data", BinaryType()),
        StructField("arrival_ts", TimestampType()),
        StructField("shard_id", StringType()),
        StructField("sequence_number", StringType()),
    ]
)
T0 = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


def reading(i: int, **change) -> bytes:
    r = copy.deepcopy(GOOD)
    r["id"] = f"obs-{i}"
    r["valueQuantity"]["value"] = 60 + i
    r.update(change)
    return json.dumps(r).encode()


def test_duplicates_count_once_and_bad_records_are_quarantined(spark):
    records = [reading(i) for i in range(10)]
    records += [reading(3), reading(7)]  # re-sent after a timeout
    records += [b"{broken", reading(99, effectiveDateTime="today")]
    rows = [(d, T0 + timedelta(seconds=i), "shardId-0", f"{i:05d}") for i, d in enumerate(records)]
    vitals, quarantine = split_batch(spark.createDataFrame(rows, RAW))
    v = {r["id"]: r for r in vitals.collect()}
    q = quarantine.collect()
    assert sorted(v) == sorted(f"obs-{i}" for i in range(10))
    assert v["obs-3"]["arrival_ts"].replace(tzinfo=None) < (T0 + timedelta(seconds=10)).replace(tzinfo=None)
    assert v["obs-3"]["value"] == 63.0 and v["obs-3"]["date"] == "2026-12-08"
    assert sorted((r["field"], r["sequence_number"]) for r in q) == [
        ("effectiveDateTime", "00013"),
        ("record", "00012"),
    ]
    # Every record read: kept (counted once per id), re-sent, or quarantined.
    assert len(v) + 2 + len(q) == len(records)
