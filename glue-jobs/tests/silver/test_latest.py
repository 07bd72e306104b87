"""Which version of a resource silver keeps: latest by last_updated, deletes applied, late old versions ignored."""

from lakehouse.bronze.job import BRONZE_SCHEMA
from lakehouse.silver.latest import latest_versions


def version(rid, last_updated, ingested_at, deleted=False, text="{}", source="f.json"):
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
        "position": "file",
        "ingested_at": ingested_at,
        "run_id": "r",
    }
    return tuple(values[f.name] for f in BRONZE_SCHEMA.fields)


def current(spark, rows):
    return {r.id: r.json for r in latest_versions(spark.createDataFrame(rows, BRONZE_SCHEMA)).collect()}


def test_an_older_version_arriving_later_never_wins(spark):
    rows = [
        version("p1", "2024-02-01T00:00:00.000000Z", "2024-03-01", text="new"),
        version("p1", "2024-01-01T00:00:00.000000Z", "2024-04-01", text="old"),
    ]
    assert current(spark, rows) == {"p1": "new"}


def test_a_delete_removes_the_resource_unless_a_later_version_recreates_it(spark):
    rows = [
        version("p1", "2024-01-01T00:00:00.000000Z", "2024-01-02"),
        version("p1", "2024-02-01T00:00:00.000000Z", "2024-02-02", deleted=True),
        version("p2", "2024-01-01T00:00:00.000000Z", "2024-01-02"),
        version("p2", "2024-02-01T00:00:00.000000Z", "2024-02-02", deleted=True),
        version("p2", "2024-03-01T00:00:00.000000Z", "2024-03-02", text="recreated"),
    ]
    assert current(spark, rows) == {"p2": "recreated"}


def test_on_equal_last_updated_the_delete_wins_then_the_later_ingestion(spark):
    rows = [
        version("p1", "2024-01-01T00:00:00.000000Z", "2024-01-02"),
        version("p1", "2024-01-01T00:00:00.000000Z", "2024-01-03", deleted=True),
        version("p2", "2024-01-01T00:00:00.000000Z", "2024-01-02", text="first"),
        version("p2", "2024-01-01T00:00:00.000000Z", "2024-01-05", text="resent"),
    ]
    assert current(spark, rows) == {"p2": "resent"}
