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


PREVALENCE = StructType(
    [
        StructField("year", StringType()),
        StructField("region", StringType()),
        StructField("condition_system", StringType()),
        StructField("condition_code", StringType()),
        StructField("condition_display", StringType()),
        StructField("population", LongType()),
        StructField("patients_with_condition", LongType()),
        StructField("new_cases", LongType()),
        StructField("prevalence", DoubleType()),
        StructField("incidence", DoubleType()),
        StructField("prevalence_key", StringType()),
        StructField("computed_at", TimestampType()),
    ]
)
ICD = "http://hl7.org/fhir/sid/icd-10-cm"


def prevalence_row(year, region, code, population, with_condition, new_cases) -> tuple:
    """One gold condition_prevalence row from its counts; rates as the gold job derives them."""
    key = f"{year}|{region}|{ICD}|{code}"
    return (
        year, region, ICD, code, f"display of {code}",
        population, with_condition, new_cases,
        ratio(with_condition, population), ratio(new_cases, population), key, COMPUTED_AT,
    )  # fmt: skip


# patients_with_condition 1, 10 and 11; population 10 and 11; new cases 0 beside a published count.
PREVALENCE_ROWS = [
    prevalence_row("2023", "north", "A15.9", 500, 1, 1),
    prevalence_row("2023", "north", "E11.9", 500, 10, 2),
    prevalence_row("2023", "north", "I10", 500, 11, 0),
    prevalence_row("2023", "south", "I10", 10, 10, 3),
    prevalence_row("2024", "south", "I10", 11, 11, 11),
]


def prevalence_frame(spark, rows=None):
    return spark.createDataFrame(PREVALENCE_ROWS if rows is None else rows, PREVALENCE)


def gold_tables(spark, kpi_rows=None, prevalence_rows=None) -> dict:
    """{gold table name: frame}, as the views read them."""
    return {
        "kpi_monthly": gold_frame(spark, kpi_rows),
        "condition_prevalence": prevalence_frame(spark, prevalence_rows),
    }
