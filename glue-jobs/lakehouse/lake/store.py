"""What the jobs need of a table store: snapshots, the rows changed between two commits, and writes that
commit rows, deletes and a checkpoint atomically. HudiStore is the real one (lake/hudi_store.py);
MemoryStore (lake/memory_store.py) keeps tables as DataFrames, for the property tests of the incremental logic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol

from pyspark.sql import DataFrame

# The commit-metadata key every write of the jobs carries: a JSON object of checkpoints (e.g. {"bronze": instant}).
CHECKPOINT_KEY = "checkpoint"


@dataclass(frozen=True)
class TableSpec:
    """One table: its folder name under the zone root, record key, optional partition column, and the column
    that decides between two rows of one key in a single write (Hudi's precombine field)."""

    name: str
    key: str
    precombine: str
    partition: str | None = None
    catalog: bool = True  # registered in the Glue Data Catalog when the job is given a database


class TableStore(Protocol):
    """The operations the bronze, silver and gold jobs use."""

    def exists(self, spec: TableSpec) -> bool: ...

    def read(self, spec: TableSpec, partition_value: str | None = None) -> DataFrame | None: ...

    def changes(self, spec: TableSpec, since: str | None, until: str) -> DataFrame: ...

    def latest_instant(self, spec: TableSpec) -> str | None: ...

    def checkpoint(self, spec: TableSpec) -> dict[str, str]: ...

    def committed_metadata(self, spec: TableSpec) -> list[dict[str, str]]: ...

    def write(
        self,
        spec: TableSpec,
        rows: DataFrame | None,
        checkpoint: dict[str, str],
        deletes: DataFrame | None = None,
        operation: str = "upsert",
        metadata: dict[str, str] | None = None,
    ) -> str | None:
        """One commit of `rows` (per `operation`) and `deletes` (keys disjoint from the rows'), with the checkpoint.
        Rows of one key in a write must differ in their precombine value: Hudi keeps an arbitrary one of a tie."""
        ...


def encode_checkpoint(checkpoint: dict[str, str]) -> str:
    """The checkpoint as stored in commit metadata (sorted JSON: equal checkpoints, equal text)."""
    return json.dumps(checkpoint, sort_keys=True)


def decode_checkpoint(text: str | None) -> dict[str, str]:
    return json.loads(text) if text else {}
