"""Picks the current version of each resource from bronze's version history."""

from __future__ import annotations

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F


def latest_versions(bronze: DataFrame) -> DataFrame:
    """One row per resource id: the version with the latest last_updated, or nothing when that version is a delete.

    An older version that arrives later never wins (order is last_updated, not arrival). On a tie a delete wins,
    then the later ingestion, so a re-sent identical resource changes nothing.
    """
    order = Window.partitionBy("resource_type", "id").orderBy(
        F.col("last_updated").desc(),
        F.col("is_deleted").desc(),
        F.col("ingested_at").desc(),
        F.col("source_file").desc(),
        F.col("position").desc(),
    )
    ranked = bronze.withColumn("_rank", F.row_number().over(order))
    return ranked.where((F.col("_rank") == 1) & ~F.col("is_deleted")).drop("_rank")
