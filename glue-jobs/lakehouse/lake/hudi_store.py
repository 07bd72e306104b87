"""The table store on Apache Hudi (copy-on-write): one folder per table under a zone root, local or s3://."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from lakehouse.hudi_options import COMMIT_METADATA_PREFIX, hudi_options
from lakehouse.lake.store import CHECKPOINT_KEY, TableSpec, decode_checkpoint, encode_checkpoint
from lakehouse.lake.timeline import commit_metadata, completed_instants, latest_with, recover_incomplete_creation

DELETED = "_hoodie_is_deleted"  # a row with this true in an upsert deletes its key
BEGINNING = "000"  # an instant before every real one (incremental reads are exclusive of `since`)


def without_meta(frame: DataFrame) -> DataFrame:
    """A Hudi read without Hudi's own columns."""
    return frame.select(*[c for c in frame.columns if not c.startswith("_hoodie_")])


class HudiStore:
    """Tables under `root` (e.g. s3://bucket or /tmp/lake/silver), synced to `database` when one is given."""

    def __init__(self, spark: SparkSession, root: str, database: str | None = None):
        self.spark, self.root, self.database = spark, root.rstrip("/"), database
        self._known: set[str] = set()

    def path(self, spec: TableSpec) -> str:
        return f"{self.root}/{spec.name}"

    def exists(self, spec: TableSpec) -> bool:
        """True when the table has a completed commit; an incomplete creation (killed writer) is removed."""
        if spec.name in self._known:
            return True
        recover_incomplete_creation(self.spark, self.path(spec))
        if completed_instants(self.spark, self.path(spec)):
            self._known.add(spec.name)
            return True
        return False

    def read(self, spec: TableSpec, partition_value: str | None = None) -> DataFrame | None:
        """The latest snapshot (None when the table does not exist), optionally one partition."""
        if not self.exists(spec):
            return None
        frame = self.spark.read.format("hudi").load(self.path(spec))
        if partition_value is not None:
            frame = frame.where(F.col(spec.partition) == partition_value)
        return without_meta(frame)

    def changes(self, spec: TableSpec, since: str | None, until: str) -> DataFrame:
        """The rows written by commits after `since` up to `until` (inclusive), in their latest state.
        Deleted rows are not changes; the jobs keep deletes as rows where a later reader needs them."""
        reader = (
            self.spark.read.format("hudi")
            .option("hoodie.datasource.query.type", "incremental")
            .option("hoodie.datasource.read.begin.instanttime", since or BEGINNING)
            .option("hoodie.datasource.read.end.instanttime", until)
            # Commits already cleaned or archived are read by a full scan filtered on commit time.
            .option("hoodie.datasource.read.incr.fallback.fulltablescan.enable", "true")
        )
        return without_meta(reader.load(self.path(spec)))

    def latest_instant(self, spec: TableSpec) -> str | None:
        instants = completed_instants(self.spark, self.path(spec)) if self.exists(spec) else []
        return instants[-1] if instants else None

    def checkpoint(self, spec: TableSpec) -> dict[str, str]:
        """The checkpoint stored with the table's newest commit ({} before the first)."""
        found = latest_with(self.spark, self.path(spec), COMMIT_METADATA_PREFIX + CHECKPOINT_KEY)
        return decode_checkpoint(found[1][COMMIT_METADATA_PREFIX + CHECKPOINT_KEY]) if found else {}

    def committed_metadata(self, spec: TableSpec) -> list[dict[str, str]]:
        """The jobs' metadata of every commit on the active timeline (prefix removed), oldest first."""
        if not self.exists(spec):
            return []
        out = []
        for instant in completed_instants(self.spark, self.path(spec)):
            meta = commit_metadata(self.spark, self.path(spec), instant)
            n = len(COMMIT_METADATA_PREFIX)
            out.append({k[n:]: v for k, v in meta.items() if k.startswith(COMMIT_METADATA_PREFIX)})
        return out

    def write(
        self,
        spec: TableSpec,
        rows: DataFrame | None,
        checkpoint: dict[str, str],
        deletes: DataFrame | None = None,
        operation: str = "upsert",
        metadata: dict[str, str] | None = None,
    ) -> str | None:
        """One commit: `rows` upserted (or per `operation`), the keys in `deletes` removed, and the checkpoint
        (plus `metadata`) stored in the same commit. Returns the new instant."""
        frame = _with_deletes(rows, deletes, spec)
        if frame is None:
            raise ValueError(f"{spec.name}: a write needs rows or deletes (an empty frame advances the checkpoint)")
        frame = nullable(frame)
        self.exists(spec)  # removes an incomplete creation before Hudi reads its properties
        extra = {CHECKPOINT_KEY: encode_checkpoint(checkpoint), **(metadata or {})}
        sync = self.database is not None and spec.catalog
        options = hudi_options(
            spec.name,
            spec.key,
            spec.precombine,
            partition_by=spec.partition,
            operation=operation,
            database=self.database,
            sync_to_catalog=sync,
            payload="latest",
            commit_metadata=extra,
        )
        frame.write.format("hudi").options(**options).mode("append").save(self.path(spec))
        self._known.add(spec.name)
        return completed_instants(self.spark, self.path(spec))[-1]


def nullable(frame: DataFrame) -> DataFrame:
    """Every top-level column nullable: a table's first write fixes its schema, and a later tombstone (a delete)
    carries nulls in every column but the key."""
    columns = [
        F.when(F.col(f.name).isNull(), F.lit(None).cast(f.dataType)).otherwise(F.col(f.name)).alias(f.name)
        if not f.nullable
        else F.col(f.name)
        for f in frame.schema.fields
    ]
    return frame.select(*columns)


def _with_deletes(rows: DataFrame | None, deletes: DataFrame | None, spec: TableSpec) -> DataFrame | None:
    """rows with `_hoodie_is_deleted` false, plus one tombstone per key of `deletes` (other columns null)."""
    if rows is None:
        return None if deletes is None else _tombstones(deletes, None, spec)
    live = rows.withColumn(DELETED, F.lit(False))
    if deletes is None:
        return live
    return live.unionByName(_tombstones(deletes, rows, spec), allowMissingColumns=True)


def _tombstones(deletes: DataFrame, like: DataFrame | None, spec: TableSpec) -> DataFrame:
    keep = [spec.key, spec.precombine] + ([spec.partition] if spec.partition else [])
    frame = deletes.select(*[c for c in keep if c in deletes.columns]).withColumn(DELETED, F.lit(True))
    if like is not None:
        for field in like.schema.fields:
            if field.name not in frame.columns:
                frame = frame.withColumn(field.name, F.lit(None).cast(field.dataType))
            else:
                frame = frame.withColumn(field.name, F.col(field.name).cast(field.dataType))
        frame = frame.select(*like.columns, DELETED)
    return frame
