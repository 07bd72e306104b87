"""The two kinds of row the bronze parser emits, and their Spark schema."""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql.types import BooleanType, StringType, StructField, StructType


@dataclass(frozen=True)
class Resource:
    """One version of one resource (or a delete tombstone), as bronze stores it."""

    resource_type: str
    id: str
    last_updated: str
    last_updated_source: str  # meta | bundle | none: where last_updated came from
    is_deleted: bool
    json: str | None  # the resource exactly as received (None for a delete)
    resolved_json: str | None  # the same with bundle-local urn:uuid references rewritten to Type/id
    source_file: str
    position: str


@dataclass(frozen=True)
class Quarantined:
    """A record that could not become a resource, with why. `raw` keeps the record so nothing is lost."""

    source_file: str
    position: str
    reason: str
    field: str | None
    resource_type: str | None
    resource_id: str | None
    raw: str | None


PARSED_SCHEMA = StructType(
    [
        StructField("kind", StringType(), False),
        StructField("resource_type", StringType(), True),
        StructField("id", StringType(), True),
        StructField("last_updated", StringType(), True),
        StructField("last_updated_source", StringType(), True),
        StructField("is_deleted", BooleanType(), True),
        StructField("json", StringType(), True),
        StructField("resolved_json", StringType(), True),
        StructField("source_file", StringType(), False),
        StructField("position", StringType(), False),
        StructField("reason", StringType(), True),
        StructField("field", StringType(), True),
        StructField("raw", StringType(), True),
    ]
)


def to_row(item: Resource | Quarantined) -> tuple:
    """A parser result as a tuple in PARSED_SCHEMA's order."""
    if isinstance(item, Resource):
        return (
            "resource",
            item.resource_type,
            item.id,
            item.last_updated,
            item.last_updated_source,
            item.is_deleted,
            item.json,
            item.resolved_json,
            item.source_file,
            item.position,
            None,
            None,
            None,
        )
    return (
        "quarantine",
        item.resource_type,
        item.resource_id,
        None,
        None,
        None,
        None,
        None,
        item.source_file,
        item.position,
        item.reason,
        item.field,
        item.raw,
    )
