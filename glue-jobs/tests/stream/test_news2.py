"""NEWS2 on hand-made readings with known answers, at every band edge, in Spark and in plain Python alike."""

from __future__ import annotations

import pytest
from pyspark.sql.types import DoubleType, StringType, StructField, StructType

from lakehouse.stream.news2 import PARAMETERS, news2_scores, parameter_score, risk_level

NAMES = {p["name"]: loinc for loinc, p in PARAMETERS.items()}

# (parameter, value, points) at both sides of every band edge of the RCP's NEWS2 chart.
EDGES = [
    ("respiration_rate", 8, 3), ("respiration_rate", 9, 1), ("respiration_rate", 11, 1),
    ("respiration_rate", 12, 0), ("respiration_rate", 20, 0), ("respiration_rate", 21, 2),
    ("respiration_rate", 24, 2), ("respiration_rate", 25, 3),
    ("spo2", 91, 3), ("spo2", 92, 2), ("spo2", 93, 2), ("spo2", 94, 1), ("spo2", 95, 1), ("spo2", 96, 0),
    ("systolic_bp", 90, 3), ("systolic_bp", 91, 2), ("systolic_bp", 100, 2), ("systolic_bp", 101, 1),
    ("systolic_bp", 110, 1), ("systolic_bp", 111, 0), ("systolic_bp", 219, 0), ("systolic_bp", 220, 3),
    ("pulse", 40, 3), ("pulse", 41, 1), ("pulse", 50, 1), ("pulse", 51, 0), ("pulse", 90, 0), ("pulse", 91, 1),
    ("pulse", 110, 1), ("pulse", 111, 2), ("pulse", 130, 2), ("pulse", 131, 3),
    ("temperature", 35.0, 3), ("temperature", 35.1, 1), ("temperature", 36.0, 1), ("temperature", 36.1, 0),
    ("temperature", 38.0, 0), ("temperature", 38.1, 1), ("temperature", 39.0, 1), ("temperature", 39.1, 2),
]  # fmt: skip

# Whole patients: (readings, NEWS2, risk).
PATIENTS = {
    "well": ({"respiration_rate": 16, "spo2": 98, "systolic_bp": 125, "pulse": 72, "temperature": 36.8}, 0, "low"),
    "septic": ({"respiration_rate": 22, "spo2": 94, "systolic_bp": 105, "pulse": 120, "temperature": 38.5}, 7, "high"),
    "one red": ({"respiration_rate": 16, "spo2": 91, "systolic_bp": 125, "pulse": 72, "temperature": 36.8}, 3,
                "low-medium"),
    "medium": ({"respiration_rate": 21, "spo2": 95, "systolic_bp": 115, "pulse": 95, "temperature": 38.2}, 5,
               "medium"),
    "partly read": ({"respiration_rate": None, "spo2": None, "systolic_bp": 85, "pulse": None, "temperature": None},
                    3, "low-medium"),
}  # fmt: skip


@pytest.mark.parametrize(("name", "value", "points"), EDGES)
def test_every_band_edge_in_python(name, value, points):
    assert parameter_score(NAMES[name], value) == points


def test_every_band_edge_in_spark(spark):
    rows = [_row(str(i), {name: v}) for i, (name, v, _) in enumerate(EDGES)]
    scored = {r["case"]: r for r in news2_scores(spark.createDataFrame(rows, schema=_schema())).collect()}
    for i, (name, _, points) in enumerate(EDGES):
        row = scored[str(i)]
        assert row[f"{name}_score"] == points, EDGES[i]
        assert row["news2"] == points and row["parameters_read"] == 1


def test_patients_totals_and_risk_levels(spark):
    rows = [_row(case, readings) for case, (readings, _, _) in PATIENTS.items()]
    scored = {r["case"]: r for r in news2_scores(spark.createDataFrame(rows, schema=_schema())).collect()}
    for case, (readings, total, risk) in PATIENTS.items():
        assert (scored[case]["news2"], scored[case]["risk"]) == (total, risk), case
        read = {n: v for n, v in readings.items() if v is not None}
        python_total = sum(parameter_score(NAMES[n], v) for n, v in read.items())
        any_three = any(parameter_score(NAMES[n], v) == 3 for n, v in read.items())
        assert (python_total, risk_level(python_total, any_three)) == (total, risk), case
    assert scored["partly read"]["parameters_read"] == 1


def _row(case: str, readings: dict) -> dict:
    """A latest-readings row: every parameter as a float or null."""
    return {n: (None if readings.get(n) is None else float(readings[n])) for n in NAMES} | {"case": case}


def _schema():
    return StructType([StructField(n, DoubleType()) for n in NAMES] + [StructField("case", StringType())])
