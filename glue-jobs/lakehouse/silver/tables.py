"""The silver zone's tables: the winning version of every resource, and one table per ViewDefinition."""

from __future__ import annotations

from lakehouse.lake.store import TableSpec

# One row per (resource type, id): the winning version, kept also when it is a delete, so that an older version
# arriving later can never win. Internal: analysts read the view tables.
LATEST = TableSpec("resource_latest", key="id", precombine="version_order", partition="resource_type", catalog=False)
LATEST_COLUMNS = [
    "resource_type",
    "id",
    "version_order",
    "last_updated",
    "is_deleted",
    "resolved_json",
    "source_file",
    "position",
    "ingested_at",
]
RESOURCE_ID = "source_resource_id"  # every view row carries the id of the resource it came from
SILVER_KEY = "silver_key"
UPDATED_AT = "silver_updated_at"


def view_table(name: str) -> TableSpec:
    """The table of one view: keyed by the resource id and a hash of the row, so a resource's rows are
    replaced exactly (also when a newer version yields fewer rows)."""
    return TableSpec(name, key=SILVER_KEY, precombine=UPDATED_AT)
