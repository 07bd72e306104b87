"""The streaming job's one transform, the same on AWS (Glue's Kinesis source) and locally (a shard-iterator loop):
a micro-batch of raw records (data, arrival_ts, shard_id, sequence_number) becomes the `vitals` rows to upsert,
one per Observation id (a re-sent record counts once), and the quarantine rows of the records that are not
valid vital signs, with reason and field. Every record read is in one or the other."""

from __future__ import annotations

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F
from pyspark.sql.types import DoubleType, StringType, StructField, StructType, TimestampType

from lakehouse.stream.records import parse_vital

PARSED = StructType(
    [
        StructField("id", StringType()),
        StructField("patient_id", StringType()),
        StructField("loinc", StringType()),
        StructField("value", DoubleType()),
        StructField("unit", StringType()),
        StructField("effective_ts", TimestampType()),
        StructField("reason", StringType()),
        StructField("field", StringType()),
    ]
)


@F.udf(PARSED)
def _parse(data: bytearray):
    row, problem = parse_vital(bytes(data))
    if problem is not None:
        return {"reason": problem[0], "field": problem[1]}
    return row


def split_batch(batch: DataFrame) -> tuple[DataFrame, DataFrame]:
    """(vitals, quarantine) of one micro-batch. vitals: one row per id, the first to arrive, with `date`
    (effective, UTC) as its partition; quarantine: one row per bad record, keyed by shard and sequence."""
    parsed = batch.withColumn("p", _parse(F.col("data")))
    good = parsed.where(F.col("p.reason").isNull())
    first = Window.partitionBy("p.id").orderBy("arrival_ts", "shard_id", "sequence_number")
    vitals = (
        good.withColumn("n", F.row_number().over(first))
        .where(F.col("n") == 1)
        .select("p.id", "p.patient_id", "p.loinc", "p.value", "p.unit", "p.effective_ts", "arrival_ts")
        .withColumn("date", F.date_format(F.col("effective_ts"), "yyyy-MM-dd"))
    )
    quarantine = parsed.where(F.col("p.reason").isNotNull()).select(
        F.concat_ws("/", "shard_id", "sequence_number").alias("quarantine_key"),
        "shard_id",
        "sequence_number",
        F.col("p.reason").alias("reason"),
        F.col("p.field").alias("field"),
        F.col("data").cast("string").alias("raw"),
        "arrival_ts",
    )
    return vitals, quarantine
