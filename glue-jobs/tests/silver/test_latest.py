"""Which version of a resource silver keeps: latest by last_updated, deletes applied, late old versions ignored."""

from pyspark.sql.types import BooleanType, IntegerType, StringType, StructField, StructType

from lakehouse.bronze.tables import BRONZE_COLUMNS
from lakehouse.silver.latest import as_latest_rows, current, winners

TYPES = {"is_deleted": BooleanType(), "position_index": IntegerType()}
BRONZE_SCHEMA = StructType([StructField(c, TYPES.get(c, StringType()), True) for c in BRONZE_COLUMNS])


def version(rid, last_updated, ingested_at, deleted=False, text="{}", source="f.json", index=0):
    values = {
        "version_key": f"{rid}-{last_updated}-{deleted}",
        "id": rid,
        "resource_type": "Patient",
        "last_updated": last_updated,
        "last_updated_source": "meta",
        "is_deleted": deleted,
        "json": None if deleted else text,
        "resolved_json": None if deleted else text,
        "source_file": source,
        "file_etag": "etag",
        "position": f"entry[{index}]",
        "position_index": index,
        "ingested_at": ingested_at,
        "run_id": "r",
    }
    return values


def kept(spark, rows):
    """{id: resolved_json} of the resources that exist after these bronze rows."""
    bronze = spark.createDataFrame([[r[c] for c in BRONZE_COLUMNS] for r in rows], BRONZE_SCHEMA)
    return {r.id: r.resolved_json for r in current(winners(as_latest_rows(bronze))).collect()}


def test_an_older_version_arriving_later_never_wins(spark):
    rows = [
        version("p1", "2024-02-01T00:00:00.000000Z", "2024-03-01", text="new"),
        version("p1", "2024-01-01T00:00:00.000000Z", "2024-04-01", text="old"),
    ]
    assert kept(spark, rows) == {"p1": "new"}


def test_a_delete_removes_the_resource_unless_a_later_version_recreates_it(spark):
    rows = [
        version("p1", "2024-01-01T00:00:00.000000Z", "2024-01-02"),
        version("p1", "2024-02-01T00:00:00.000000Z", "2024-02-02", deleted=True),
        version("p2", "2024-01-01T00:00:00.000000Z", "2024-01-02"),
        version("p2", "2024-02-01T00:00:00.000000Z", "2024-02-02", deleted=True),
        version("p2", "2024-03-01T00:00:00.000000Z", "2024-03-02", text="recreated"),
    ]
    assert kept(spark, rows) == {"p2": "recreated"}


def test_on_equal_last_updated_the_delete_wins_then_the_later_ingestion(spark):
    rows = [
        version("p1", "2024-01-01T00:00:00.000000Z", "2024-01-02"),
        version("p1", "2024-01-01T00:00:00.000000Z", "2024-01-03", deleted=True),
        version("p2", "2024-01-01T00:00:00.000000Z", "2024-01-02", text="first"),
        version("p2", "2024-01-01T00:00:00.000000Z", "2024-01-05", text="resent"),
    ]
    assert kept(spark, rows) == {"p2": "resent"}


def test_between_versions_with_equal_times_the_later_file_then_the_later_position_wins(spark):
    t, at = "2024-01-01T00:00:00.000000Z", "2024-01-02"
    rows = [
        version("p1", t, at, text="b-file", source="b.json"),
        version("p1", t, at, text="a-file", source="a.json"),
        version("p2", t, at, text="tenth", index=10),
        version("p2", t, at, text="ninth", index=9),
    ]
    assert kept(spark, rows) == {"p1": "b-file", "p2": "tenth"}
