"""The Spark session for local runs and tests: the same settings Glue 5.0 gets from --datalake-formats hudi."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pyspark.sql import SparkSession

HUDI_JAR_NAME = "hudi-spark3.5-bundle_2.12-0.15.0.jar"

# Settings Glue gets from --datalake-formats hudi and local runs set themselves: Kryo and Hudi's SQL extension.
HUDI_SPARK_CONF = {
    "spark.serializer": "org.apache.spark.serializer.KryoSerializer",
    "spark.kryo.registrator": "org.apache.spark.HoodieSparkKryoRegistrar",
    "spark.sql.extensions": "org.apache.spark.sql.hudi.HoodieSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.hudi.catalog.HoodieCatalog",
}

# SQL settings a job sets on any session, Glue's included: every timestamp is UTC. Constraint propagation off:
# the gold job joins frames with many derived columns, and the optimizer's constraint sets grew until a 60-patient
# run hit OutOfMemoryError on a 3 GB driver (a known Catalyst blow-up; the plans are correct without it).
# Datetime rebase CORRECTED: dates before 1900 (a birth in 1890, data/time_range.json starts in 1800) are written
# and read as proleptic Gregorian, as Spark 3 computes them, instead of failing with an ancient-datetime error.
SESSION_SQL_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.constraintPropagation.enabled": "false",
    **{
        f"spark.sql.{fmt}.{kind}RebaseModeIn{way}": "CORRECTED"
        for fmt, kinds in (("parquet", ("datetime", "int96")), ("avro", ("datetime",)))
        for kind in kinds
        for way in ("Read", "Write")
    },
}


def hudi_jar() -> Path:
    """The Hudi bundle put in .cache/jars by scripts/setup-python.sh (or LAKEHOUSE_HUDI_JAR)."""
    explicit = os.environ.get("LAKEHOUSE_HUDI_JAR")
    jar = Path(explicit) if explicit else Path(__file__).resolve().parents[2] / ".cache" / "jars" / HUDI_JAR_NAME
    if not jar.is_file():
        raise FileNotFoundError(f"Hudi bundle not found at {jar}: run `bash scripts/setup-python.sh` first")
    return jar


def local_spark(app_name: str = "fhir-lakehouse", cores: int = 2) -> SparkSession:
    """A local SparkSession with Hudi, sized for a laptop: no UI, few shuffle partitions, quiet logs."""
    # Python workers must run this interpreter (the project's .venv), not whatever python3 is on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Local runs bind to loopback only; the attach flag lets Hudi size its objects without a warning per task.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app_name)
        .config("spark.jars", str(hudi_jar()))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(max(2, cores * 2)))
        .config("spark.driver.memory", os.environ.get("LAKEHOUSE_DRIVER_MEMORY", "3g"))
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.driver.extraJavaOptions", "-Djdk.attach.allowAttachSelf=true")
    )
    for key, value in {**HUDI_SPARK_CONF, **SESSION_SQL_CONF}.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
