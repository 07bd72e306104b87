"""What a job entrypoint needs from its runtime: arguments and a Spark session, on AWS Glue or locally.

Only this module knows about awsglue, and it imports it lazily, so the package runs on plain pyspark.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pyspark.sql import SparkSession


def on_glue() -> bool:
    """True inside an AWS Glue job run (the awsglue library is only there)."""
    try:
        import awsglue  # noqa: F401
    except ImportError:
        return False
    return True


def job_arguments(argv: list[str], required: list[str], optional: list[str]) -> dict[str, str | None]:
    """Glue-style `--name value` arguments. Glue passes extra ones of its own, which are ignored."""
    parser = argparse.ArgumentParser(allow_abbrev=False)
    for name in required:
        parser.add_argument(f"--{name}", required=True)
    for name in optional:
        parser.add_argument(f"--{name}", default=None)
    known, _ = parser.parse_known_args(argv)
    return vars(known)


@contextmanager
def job_session(name: str, argv: list[str] | None = None) -> Iterator[SparkSession]:
    """The Spark session of a job run: Glue's (Job init/commit, for Glue's run metrics) or a local one.

    Job bookmarks stay off (components/workflow passes --job-bookmark-option job-bookmark-disable): bronze knows
    what it read from the audit log, silver and gold from the checkpoints in their own Hudi commits, which
    commit with the data; a bookmark commits separately, after the job, so a kill in between would skip data."""
    argv = sys.argv[1:] if argv is None else argv
    if on_glue():
        yield from _glue_session(name, argv)
        return
    from lakehouse.spark_session import local_spark

    spark = local_spark(name)
    try:
        yield spark
    finally:
        spark.stop()


def _glue_session(name: str, argv: list[str]) -> Iterator[SparkSession]:
    from awsglue.context import GlueContext
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext

    glue = GlueContext(SparkContext.getOrCreate())
    spark = glue.spark_session
    from lakehouse.spark_session import SESSION_SQL_CONF

    for key, value in SESSION_SQL_CONF.items():
        spark.conf.set(key, value)
    job = Job(glue)
    args = getResolvedOptions(sys.argv, ["JOB_NAME"]) if "--JOB_NAME" in argv else {"JOB_NAME": name}
    job.init(args["JOB_NAME"], args)
    yield spark
    job.commit()


def run_main(main: Callable[[list[str]], int]) -> None:
    """Runs an entrypoint's main and exits with its code."""
    sys.exit(main(sys.argv[1:]))
