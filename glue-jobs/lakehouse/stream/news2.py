"""NEWS2 from each patient's latest readings (lakehouse/data/news2.json): one score per parameter, the total,
and the clinical risk level. The same bands as a Spark expression for the streaming job and as plain Python."""

from __future__ import annotations

from functools import reduce

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from lakehouse.contracts import contract

PARAMETERS: dict = contract("news2")["parameters"]
RISK_LEVELS: list = contract("news2")["riskLevels"]


def parameter_score(loinc: str, value: float) -> int:
    """The points of one reading: the first band whose inclusive upper bound holds the value."""
    for band in PARAMETERS[loinc]["bands"]:
        if band["upTo"] is None or value <= band["upTo"]:
            return band["score"]
    raise AssertionError("the last band has no upper bound")


def risk_level(total: int, any_three: bool) -> str:
    level = [r["level"] for r in RISK_LEVELS if total >= r["from"]][-1]
    return "low-medium" if level == "low" and any_three else level


def _score_column(loinc: str, value: Column) -> Column:
    bands = PARAMETERS[loinc]["bands"]
    expr = F.lit(bands[-1]["score"])
    for band in reversed(bands[:-1]):
        expr = F.when(value <= F.lit(band["upTo"]), F.lit(band["score"])).otherwise(expr)
    return F.when(value.isNull(), F.lit(None)).otherwise(expr)


def news2_scores(latest: DataFrame) -> DataFrame:
    """From one row per patient with a column per parameter (PARAMETERS' names, null when never read): the
    per-parameter scores, `news2` (the sum of the parameters read), `parameters_read`, `any_three` and `risk`."""
    scores = {p["name"]: _score_column(loinc, F.col(p["name"])) for loinc, p in PARAMETERS.items()}
    out = latest.select("*", *[s.alias(f"{name}_score") for name, s in scores.items()])
    cols = [F.col(f"{name}_score") for name in scores]
    total = reduce(lambda a, b: a + b, [F.coalesce(c, F.lit(0)) for c in cols])
    read = reduce(lambda a, b: a + b, [F.when(c.isNull(), 0).otherwise(1) for c in cols])
    any_three = reduce(lambda a, b: a | b, [F.coalesce(c == 3, F.lit(False)) for c in cols])
    out = out.withColumn("news2", total).withColumn("parameters_read", read).withColumn("any_three", any_three)
    level = F.lit(RISK_LEVELS[0]["level"])
    for r in RISK_LEVELS[1:]:
        level = F.when(F.col("news2") >= r["from"], F.lit(r["level"])).otherwise(level)
    low = RISK_LEVELS[0]["level"]
    return out.withColumn("risk", F.when((level == low) & F.col("any_three"), F.lit("low-medium")).otherwise(level))
