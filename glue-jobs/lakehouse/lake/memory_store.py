"""The table store kept as DataFrames in memory, with Hudi's semantics for what the jobs use: a write is one
commit (upsert by key, tombstones delete, checkpoint in the commit), `changes` are the rows whose latest write
lies in (since, until]. Hundreds of incremental runs fit in a property test this way;
tests/lake/test_memory_store_matches_hudi.py compares it with HudiStore on random writes so the two stay equal.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from lakehouse.lake.store import TableSpec

COMMIT = "_memory_commit"


class MemoryStore:
    """Tables by name; instants are zero-padded counters, increasing across all tables of the store."""

    def __init__(self, spark: SparkSession):
        self.spark = spark
        self._tables: dict[str, DataFrame] = {}
        self._commits: dict[str, list[tuple[str, dict[str, str], dict[str, str]]]] = {}
        self._counter = 0

    def exists(self, spec: TableSpec) -> bool:
        return spec.name in self._tables

    def read(self, spec: TableSpec, partition_value: str | None = None) -> DataFrame | None:
        if spec.name not in self._tables:
            return None
        frame = self._tables[spec.name].drop(COMMIT)
        return frame if partition_value is None else frame.where(F.col(spec.partition) == partition_value)

    def changes(self, spec: TableSpec, since: str | None, until: str) -> DataFrame:
        assert until == self.latest_instant(spec), "MemoryStore reads changes up to the latest commit only"
        frame = self._tables[spec.name]
        if since is not None:
            frame = frame.where(F.col(COMMIT) > since)
        return frame.where(F.col(COMMIT) <= until).drop(COMMIT)

    def latest_instant(self, spec: TableSpec) -> str | None:
        commits = self._commits.get(spec.name)
        return commits[-1][0] if commits else None

    def checkpoint(self, spec: TableSpec) -> dict[str, str]:
        commits = self._commits.get(spec.name)
        return dict(commits[-1][1]) if commits else {}

    def committed_metadata(self, spec: TableSpec) -> list[dict[str, str]]:
        return [dict(meta) for _, _, meta in self._commits.get(spec.name, [])]

    def write(
        self,
        spec: TableSpec,
        rows: DataFrame | None,
        checkpoint: dict[str, str],
        deletes: DataFrame | None = None,
        operation: str = "upsert",
        metadata: dict[str, str] | None = None,
    ) -> str | None:
        self._counter += 1
        instant = f"{self._counter:017d}"
        incoming = _latest_per_key(rows, spec).withColumn(COMMIT, F.lit(instant)) if rows is not None else None
        current = self._tables.get(spec.name)
        if operation == "insert_overwrite_table" or current is None:
            table = incoming
        elif operation in ("insert", "bulk_insert"):  # keys are unique per arrival: no lookup, no replacement
            table = current.unionByName(incoming, allowMissingColumns=True)
        else:
            keys = _keys(spec)
            table = current
            if deletes is not None:
                table = table.join(deletes.select(*keys).distinct(), keys, "left_anti")
            if incoming is not None:
                table = table.join(incoming.select(*keys), keys, "left_anti").unionByName(
                    incoming, allowMissingColumns=True
                )
        if table is None:
            raise ValueError(f"{spec.name}: a write needs rows or deletes")
        # Cut the lineage: a property test runs hundreds of writes on one table.
        self._tables[spec.name] = table.localCheckpoint(eager=True)
        self._commits.setdefault(spec.name, []).append((instant, dict(checkpoint), dict(metadata or {})))
        return instant


def _keys(spec: TableSpec) -> list[str]:
    return [spec.key] + ([spec.partition] if spec.partition else [])


def _latest_per_key(rows: DataFrame, spec: TableSpec) -> DataFrame:
    """Of several rows of one key in a write, the one with the largest precombine value (as Hudi keeps)."""
    order = Window.partitionBy(*_keys(spec)).orderBy(F.col(spec.precombine).desc())
    return rows.withColumn("_memory_rank", F.row_number().over(order)).where("_memory_rank = 1").drop("_memory_rank")
