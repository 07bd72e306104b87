"""The facts TypeScript and Python share, read from the JSON files in lakehouse/data (one place for both)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def contract(name: str) -> dict:
    """lakehouse/data/<name>.json, parsed once (audit_table, job_arguments, metrics, data_files, ...)."""
    return json.loads(resources.files("lakehouse.data").joinpath(f"{name}.json").read_text("utf-8"))


def job_argument_names(job: str) -> tuple[list[str], list[str]]:
    """(required, optional) argument names of a Glue job, without the leading dashes."""
    spec = contract("job_arguments")["jobs"][job]
    return list(spec["required"]), list(spec["optional"])


def metric_name(kind: str) -> str:
    """The CloudWatch metric name of a kind of count (quarantined, read, written, seconds)."""
    return contract("metrics")["metrics"][kind]
