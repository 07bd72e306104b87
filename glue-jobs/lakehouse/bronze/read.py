"""Raw files -> parsed rows, on the executors: each task reads its files by exact path and parses them."""

from __future__ import annotations

import re

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import IntegerType, StringType, StructField, StructType

from lakehouse.bronze.files import contents, slices
from lakehouse.bronze.listing import RawFile
from lakehouse.bronze.parse import parse_file
from lakehouse.bronze.records import PARSED_SCHEMA, Quarantined, to_row

SCHEMA = StructType(
    [
        *PARSED_SCHEMA.fields,
        StructField("file_etag", StringType(), True),
        StructField("position_index", IntegerType(), True),
    ]
)
_NUMBER = re.compile(r"(\d+)")


def position_index(position: str) -> int:
    """The number in a position (entry[12] -> 12, line 7 -> 7, file -> 0): ties break on it numerically."""
    found = _NUMBER.search(position)
    return int(found.group(1)) if found else 0


def parse_slice(files: list[RawFile]) -> list[tuple]:
    """Every record of every file of one slice, as rows of SCHEMA; an unreadable file is one quarantined row."""
    rows = []
    for raw, content in _readable(files):
        items = [content] if isinstance(content, Quarantined) else parse_file(raw.uri, content)
        for item in items:
            row = to_row(item)
            rows.append((*row, raw.etag, position_index(item.position)))
    return rows


def _readable(files: list[RawFile]):
    for raw in files:
        try:
            yield from contents([raw])
        except OSError as err:
            # The reason names the error kind only: a path or message could carry patient data.
            yield raw, Quarantined(raw.uri, "file", f"could not be read ({type(err).__name__})", None, None, None, None)


def read_and_parse(spark: SparkSession, files: list[RawFile]) -> DataFrame:
    """The parsed rows of the files; the work is spread over tasks of about equal input size."""
    cores = spark.sparkContext.defaultParallelism
    parts = slices(files, cores)
    rdd = spark.sparkContext.parallelize(parts, len(parts)).flatMap(parse_slice)
    return spark.createDataFrame(rdd, SCHEMA)
