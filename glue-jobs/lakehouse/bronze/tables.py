"""The bronze zone's tables: every resource version in one table partitioned by type, and the quarantine."""

from __future__ import annotations

from lakehouse.lake.store import TableSpec

# One table for every type: one commit per run instead of one per type (Hudi's cost is per commit).
RESOURCES = TableSpec("resources", key="version_key", precombine="ingested_at", partition="resource_type")
QUARANTINE = TableSpec("quarantine", key="quarantine_key", precombine="ingested_at")

BRONZE_COLUMNS = [
    "version_key",
    "id",
    "resource_type",
    "last_updated",
    "last_updated_source",
    "is_deleted",
    "json",
    "resolved_json",
    "source_file",
    "file_etag",
    "position",
    "position_index",
    "ingested_at",
    "run_id",
]
QUARANTINE_COLUMNS = [
    "quarantine_key",
    "source_file",
    "file_etag",
    "position",
    "reason",
    "field",
    "resource_type",
    "id",
    "raw",
    "ingested_at",
    "run_id",
]
