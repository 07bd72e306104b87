"""The winning version of each resource, from bronze's version history: full, or merged with what arrived.

Order (docs/kpis.md, "Versions and deletes"): the latest last_updated wins; on equal times a delete wins, then the
later ingestion, then the later file (path order), then the later position in the file (compared as numbers).
The order is one string, version_order, so "the largest" decides, whatever came first: the winner over all
history equals the winner between the stored winner and the new arrivals.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from lakehouse.silver.tables import LATEST_COLUMNS

# Below every character of a path: "a" sorts before "ab" inside version_order as it does alone.
LOW = "\u0001"


def version_order() -> Column:
    """The sortable text of a bronze row's place in its resource's history (fixed-width parts first)."""
    return F.concat(
        F.col("last_updated"),
        F.lit("|"),
        F.when(F.col("is_deleted"), F.lit("1")).otherwise(F.lit("0")),
        F.lit("|"),
        F.col("ingested_at"),
        F.lit(LOW),
        F.col("source_file"),
        F.lit(LOW),
        F.lpad(F.col("position_index").cast("string"), 10, "0"),
    )


def as_latest_rows(bronze: DataFrame) -> DataFrame:
    """Bronze rows in resource_latest's columns."""
    return bronze.withColumn("version_order", version_order()).select(*LATEST_COLUMNS)


def winners(rows: DataFrame) -> DataFrame:
    """One row per (resource_type, id): the one with the largest version_order."""
    order = Window.partitionBy("resource_type", "id").orderBy(F.col("version_order").desc())
    return rows.withColumn("_rank", F.row_number().over(order)).where("_rank = 1").drop("_rank")


def changed_winners(arrived: DataFrame, stored: DataFrame | None) -> DataFrame:
    """The new winner of each resource that `arrived` touched, only where it beats the stored winner."""
    best = winners(arrived)
    if stored is None:
        return best
    old = stored.select("resource_type", "id", F.col("version_order").alias("_stored_order"))
    old = old.join(best.select("resource_type", "id"), ["resource_type", "id"], "left_semi")
    joined = best.join(old, ["resource_type", "id"], "left")
    return joined.where(F.col("_stored_order").isNull() | (F.col("version_order") > F.col("_stored_order"))).drop(
        "_stored_order"
    )


def current(latest: DataFrame) -> DataFrame:
    """The resources that exist: winners that are not deletes."""
    return latest.where(~F.col("is_deleted"))
