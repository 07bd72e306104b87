"""Flattening current resources by a ViewDefinition into silver rows keyed for exact replacement."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import StructType

from lakehouse.silver.deid import VERSION_TIME, deidentified_patients
from lakehouse.silver.tables import RESOURCE_ID, SILVER_KEY
from lakehouse.silver.timestamps import INVALID_TIMES, normalise_times
from lakehouse.viewdef import run_view_definition, view_columns

# Tables derived from another view's rows rather than from a ViewDefinition: name -> (source view, transform).
DERIVED = {"patient_deid": ("patient", deidentified_patients)}


def load_views(folder: str | Path | None = None) -> dict[str, dict]:
    """The silver ViewDefinitions (packaged lakehouse/views/*.json by default), by view name."""
    files = (
        sorted(Path(folder).glob("*.json"))
        if folder
        else sorted(p for p in resources.files("lakehouse.views").iterdir() if p.name.endswith(".json"))
    )
    views = {}
    for path in files:
        view = json.loads(path.read_text("utf-8"))
        views[view["name"]] = view
    return views


def with_resource_id(view: dict) -> dict:
    """The view with a first column holding the resource's id, on every row the view yields."""
    extended = copy.deepcopy(view)
    column = {"name": RESOURCE_ID, "path": "getResourceKey()", "type": "id"}
    extended["select"] = [{"column": [column]}, *extended.get("select", [])]
    return extended


def flatten(view: dict, current: DataFrame, schema: StructType | None = None) -> DataFrame:
    """The view's rows over current resources (resolved_json), date and time columns typed in UTC, each row
    keyed by its resource id and content (identical rows of one resource are one row)."""
    rows = run_view_definition(with_resource_id(view), current, json_col="resolved_json", schema=schema)
    return keyed(normalise_times(rows, view_columns(view)))


def keyed(rows: DataFrame) -> DataFrame:
    """Adds silver_key = resource id + a hash of the row's values (not of the INVALID_TIMES count)."""
    content = F.sha2(F.to_json(F.struct(*[F.col(c) for c in rows.columns if c != INVALID_TIMES])), 256)
    return rows.withColumn(SILVER_KEY, F.concat_ws("|", F.col(RESOURCE_ID), content)).dropDuplicates([SILVER_KEY])


def derive(name: str, source_rows: DataFrame, current: DataFrame) -> DataFrame:
    """A derived table's rows from its source view's rows (which carry source_resource_id) and the version time of
    each resource (resource_latest's last_updated)."""
    _, transform = DERIVED[name]
    times = current.select(F.col("id").alias(RESOURCE_ID), F.to_timestamp("last_updated").alias(VERSION_TIME))
    return keyed(transform(source_rows.drop(SILVER_KEY, INVALID_TIMES).join(times, RESOURCE_ID, "left")))
