"""MemoryStore stands in for HudiStore in the property tests of the incremental logic, so the two must agree:
random sequences of upserts (several rows of one key in a write), deletes and inserts give the same snapshot, the
same changes since each earlier commit and the same checkpoints on both."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pyspark.sql.types import LongType, StringType, StructField, StructType

from lakehouse.lake.hudi_store import HudiStore
from lakehouse.lake.memory_store import MemoryStore
from lakehouse.lake.store import TableSpec

SPEC = TableSpec("t", key="id", precombine="v")
SCHEMA = StructType(
    [StructField("id", StringType(), False), StructField("v", LongType(), False), StructField("p", StringType())]
)
KEYS = st.sampled_from(["a", "b", "c", "d"])
ROW = st.tuples(KEYS, st.integers(0, 5), st.sampled_from(["x", "y", None]))
# The TableStore contract: the rows and the deletes of a write name disjoint keys, and rows of one key in a write
# differ in their precombine value (Hudi keeps an arbitrary one of a tie).
OPERATION = (
    st.fixed_dictionaries(
        {
            "rows": st.lists(ROW, max_size=4, unique_by=lambda r: (r[0], r[1])),
            "deletes": st.lists(KEYS, max_size=2, unique=True),
        }
    )
    .map(lambda op: {**op, "deletes": [k for k in op["deletes"] if k not in {r[0] for r in op["rows"]}]})
    .filter(lambda op: op["rows"] or op["deletes"])
)


def snapshot(frame) -> list[str]:
    return sorted(json.dumps(r.asDict(), sort_keys=True) for r in frame.select("id", "v", "p").collect())


# Few examples (each Hudi write takes seconds) and no shrinking: a failure prints the operations it ran. Examples are
# repeatable unless LAKEHOUSE_HYPOTHESIS=explore (tests/conftest.py).
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    phases=[Phase.explicit, Phase.generate],
)
@given(operations=st.lists(OPERATION, min_size=2, max_size=4))
def test_random_writes_leave_both_stores_equal(spark, tmp_path_factory, operations):
    hudi, memory = HudiStore(spark, str(tmp_path_factory.mktemp("hudi"))), MemoryStore(spark)
    instants: list[tuple[str | None, str | None]] = []
    for n, op in enumerate(operations):
        rows = spark.createDataFrame(op["rows"], SCHEMA) if op["rows"] else None
        deletes = spark.createDataFrame([(k, 9) for k in op["deletes"]], "id string, v long") if op["deletes"] else None
        if not hudi.exists(SPEC):
            rows, deletes = spark.createDataFrame([("e", 0, "x"), *op["rows"]], SCHEMA), None  # begins with rows
        checkpoint = {"step": str(n)}
        instants.append((hudi.write(SPEC, rows, checkpoint, deletes), memory.write(SPEC, rows, checkpoint, deletes)))
        assert snapshot(hudi.read(SPEC)) == snapshot(memory.read(SPEC)), f"after {op}"
        assert hudi.checkpoint(SPEC) == memory.checkpoint(SPEC) == checkpoint
    (hudi_last, memory_last) = instants[-1]
    for hudi_since, memory_since in [(None, None), *instants[:-1]]:
        got = snapshot(hudi.changes(SPEC, hudi_since, hudi_last))
        assert got == snapshot(memory.changes(SPEC, memory_since, memory_last)), f"changes since step {hudi_since}"
