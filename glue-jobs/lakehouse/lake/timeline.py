"""A Hudi table's timeline read straight from its .hoodie folder (any file system Spark reaches: local, s3://).

Hudi 0.15 keeps one file per instant state: <instant>.commit / .replacecommit when completed, .inflight and
.requested while a write is under way. The commit file is JSON whose extraMetadata carries what the writer
attached (the jobs attach their checkpoint there, so the data and the checkpoint commit atomically).
"""

from __future__ import annotations

import json

from pyspark.sql import SparkSession

# Completed instants that change data (a clean or a rollback does not).
DATA_COMMITS = (".commit", ".replacecommit", ".deltacommit")
PENDING = (".inflight", ".requested")


class Folder:
    """A folder on a Hadoop file system, through Spark's JVM."""

    def __init__(self, spark: SparkSession, path: str):
        jvm = spark.sparkContext._jvm
        self._path = jvm.org.apache.hadoop.fs.Path(path)
        self._fs = self._path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
        self._jvm = jvm

    def exists(self, name: str = "") -> bool:
        return self._fs.exists(self._child(name))

    def names(self, name: str = "") -> list[tuple[str, int]]:
        """(file name, size) of the files directly in the folder (or its sub-folder `name`)."""
        target = self._child(name)
        if not self._fs.exists(target):
            return []
        return [(s.getPath().getName(), s.getLen()) for s in self._fs.listStatus(target) if s.isFile()]

    def read_text(self, name: str) -> str:
        stream = self._fs.open(self._child(name))
        try:
            return self._jvm.org.apache.commons.io.IOUtils.toString(stream, "UTF-8")
        finally:
            stream.close()

    def delete(self) -> None:
        self._fs.delete(self._path, True)

    def _child(self, name: str):
        return self._jvm.org.apache.hadoop.fs.Path(self._path, name) if name else self._path


def completed_instants(spark: SparkSession, table_path: str) -> list[str]:
    """The instants of the table's completed data commits, oldest first (empty when there is no table)."""
    hoodie = Folder(spark, f"{table_path.rstrip('/')}/.hoodie")
    found = set()
    for name, _ in hoodie.names():
        stem, dot, suffix = name.partition(".")
        if dot and "." + suffix in DATA_COMMITS and stem.isdigit():
            found.add((stem, "." + suffix))
    return [stem for stem, _ in sorted(found)]


def commit_metadata(spark: SparkSession, table_path: str, instant: str) -> dict:
    """The extraMetadata a completed commit carries ({} when none)."""
    hoodie = Folder(spark, f"{table_path.rstrip('/')}/.hoodie")
    for suffix in DATA_COMMITS:
        if hoodie.exists(instant + suffix):
            text = hoodie.read_text(instant + suffix)
            return json.loads(text).get("extraMetadata", {}) if text.strip() else {}
    raise FileNotFoundError(f"{table_path}: no completed commit {instant}")


def latest_with(spark: SparkSession, table_path: str, key: str) -> tuple[str, dict] | None:
    """(instant, extraMetadata) of the newest completed commit whose metadata has `key`, or None."""
    for instant in reversed(completed_instants(spark, table_path)):
        meta = commit_metadata(spark, table_path, instant)
        if key in meta:
            return instant, meta
    return None


def recover_incomplete_creation(spark: SparkSession, table_path: str) -> bool:
    """Deletes a table whose creation never completed (a .hoodie folder without one completed data commit,
    e.g. a 0-byte hoodie.properties after a kill), so the next write creates it afresh. Nothing was ever
    readable in such a table, so nothing is lost. Returns True when it deleted one."""
    table = Folder(spark, table_path)
    if not table.exists(".hoodie"):
        return False
    if completed_instants(spark, table_path) or Folder(spark, f"{table_path.rstrip('/')}/.hoodie/archived").names():
        return False
    table.delete()
    return True
