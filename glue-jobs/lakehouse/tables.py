"""Reading Hudi tables that may not exist yet (a zone's first run, a resource type never ingested)."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession


def table_exists(spark: SparkSession, path: str) -> bool:
    """True when `path` holds a Hudi table (its .hoodie folder), on any file system Spark can reach."""
    jvm = spark.sparkContext._jvm
    hoodie = jvm.org.apache.hadoop.fs.Path(f"{path.rstrip('/')}/.hoodie")
    return hoodie.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(hoodie)


def read_table(spark: SparkSession, path: str) -> DataFrame | None:
    """The Hudi table at `path`, or None when there is none."""
    return spark.read.format("hudi").load(path) if table_exists(spark, path) else None
