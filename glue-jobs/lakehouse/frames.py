"""Materialising a DataFrame: computed once, its plan cut to a scan of the result."""

from __future__ import annotations

from pyspark.sql import DataFrame


def materialized(frame: DataFrame) -> DataFrame:
    """The frame computed now and kept on the executors (memory, then disk), with no lineage.

    Two reasons the incremental jobs need this rather than cache(): a frame read from a table the job is
    about to rewrite must not be recomputed after the write (a cache can be evicted and silently recomputed;
    a local checkpoint cannot), and joining frames whose plans each hold the whole facts computation makes the
    optimizer's plans grow with every join (a 60-patient run spent over 3 minutes planning).
    """
    return frame.localCheckpoint(eager=True)
