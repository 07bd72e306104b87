"""One Trino query over a local lake's gold zone: its tables and the published views, as the stack's Athena
workgroup sees its gold database. Used by `npm run query -- --lake DIR`."""

from __future__ import annotations

import datetime as dt
import decimal
import json
from collections.abc import Iterator

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import types as T

from lakehouse.publish.local import read_gold_tables
from lakehouse.publish.views import load_views, run_views, to_spark_sql

# Spark's types named as Athena names them in a result's column info.
ATHENA_TYPES = {
    T.StringType: "varchar",
    T.LongType: "bigint",
    T.IntegerType: "integer",
    T.ShortType: "smallint",
    T.ByteType: "tinyint",
    T.DoubleType: "double",
    T.FloatType: "real",
    T.BooleanType: "boolean",
    T.DateType: "date",
    T.TimestampType: "timestamp",
    T.DecimalType: "decimal",
}


def athena_type(data_type: T.DataType) -> str:
    return ATHENA_TYPES.get(type(data_type), data_type.simpleString())


def query(spark: SparkSession, gold_root: str, trino_sql: str) -> DataFrame:
    """Registers the gold tables and every view, then runs trino_sql (translated to Spark SQL) over them."""
    run_views(spark, read_gold_tables(spark, gold_root), load_views())
    return spark.sql(to_spark_sql(trino_sql, "query"))


def json_value(value: object) -> object:
    """A cell as JSON: timestamps as Athena prints them, decimals as exact strings."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def result_lines(frame: DataFrame) -> Iterator[str]:
    """NDJSON: {"columns": [{"name", "type"}]} first, then one JSON array per row, streamed from the executors."""
    columns = [{"name": f.name, "type": athena_type(f.dataType)} for f in frame.schema.fields]
    yield json.dumps({"columns": columns})
    for row in frame.toLocalIterator():
        yield json.dumps([json_value(v) for v in row], allow_nan=False)
