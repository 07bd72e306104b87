"""Hand-made gold kpi_monthly rows for the publish tests, with the schema of the gold table."""

from __future__ import annotations

from datetime import UTC, datetime

from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType, TimestampType

from lakehouse.gold.kpi import COUNT_COLUMNS

COUNTS = COUNT_COLUMNS
GOLD = StructType(
    [
        StructField("kpi_key", StringType()),
        StructField("month", StringType()),
        StructField("region", StringType()),
        StructField("facility_id", StringType()),
        StructField("encounters", LongType()),
        StructField("infection_encounters", LongType()),
        StructField("infection_rate", DoubleType()),
        StructField("inpatient_discharges", LongType()),
        StructField("inpatient_deaths", LongType()),
        StructField("mortality_rate", DoubleType()),
        StructField("index_discharges", LongType()),
        StructField("readmissions_30d", LongType()),
        StructField("readmission_rate_30d", DoubleType()),
        StructField("avg_length_of_stay_days", DoubleType()),
        StructField("length_of_stay_days_sum", DoubleType()),
        StructField("computed_at", TimestampType()),
    ]
)
COMPUTED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def ratio(numerator: float, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


def gold_row(month, region, facility, enc, inf, dis, deaths, idx, readm, los_sum) -> tuple:
    """One gold row from its counts; the rates are derived as the gold job does (null on a zero denominator)."""
    key = f"{month}|{region}|{facility or ''}"
    return (
        key, month, region, facility,
        enc, inf, ratio(inf, enc),
        dis, deaths, ratio(deaths, dis),
        idx, readm, ratio(readm, idx),
        ratio(los_sum, dis), float(los_sum), COMPUTED_AT,
    )  # fmt: skip


# Denominators 0, 1, 10 and 11 on every rate, and a readmission-only suppression (index_discharges 10).
ROWS = [
    gold_row("2024-01", "north", "f1", 0, 0, 0, 0, 0, 0, 0.0),
    gold_row("2024-01", "north", "f2", 1, 1, 1, 0, 1, 1, 3.0),
    gold_row("2024-01", "south", None, 10, 3, 10, 2, 8, 1, 25.0),
    gold_row("2024-02", "south", "f3", 11, 2, 11, 0, 11, 3, 22.0),
    gold_row("2024-02", "north", "f1", 11, 0, 11, 1, 10, 0, 11.5),
    gold_row("2024-03", "east", "f9", 5, 1, 0, 0, 0, 0, 0.0),
]


def gold_frame(spark, rows=None):
    return spark.createDataFrame(ROWS if rows is None else rows, GOLD)
