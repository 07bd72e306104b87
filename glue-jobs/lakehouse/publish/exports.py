"""Exports of a publish run: the restricted gold CSV, one CSV per published view, and views.json for the dashboard.

Gold and the views are small (one row per month, region and facility), so rows are collected to the driver and
written with Python's csv module as one file each, in a stable order.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Sequence

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from lakehouse.gold.kpi import KPI_COLUMNS
from lakehouse.gold.prevalence import PREVALENCE_COLUMNS

# The restricted gold export: every count, unsuppressed (not for publication; the views are).
# docs/kpis.md's columns in its order; the LOS day sum is internal (it lets aggregates average exactly).
GOLD_EXPORT_COLUMNS = tuple(c for c in KPI_COLUMNS if c != "length_of_stay_days_sum")
# Rows are sorted by whichever of these key columns a frame has, nulls first.
SORT_KEYS = ("month", "first_month", "year", "region", "facility_id", "condition_system", "condition_code")


def cell(value: object) -> str:
    """One CSV cell: empty for null, true/false for booleans, full precision (repr) for floats."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def sorted_rows(frame: DataFrame) -> list[dict]:
    """The frame's rows as dicts, collected to the driver, sorted by its key columns with nulls first."""
    keys = [F.asc_nulls_first(c) for c in SORT_KEYS if c in frame.columns]
    ordered = frame.orderBy(*keys) if keys else frame
    return [row.asDict() for row in ordered.collect()]


def write_csv(path: str, columns: Sequence[str], rows: Iterable[dict]) -> str:
    """Writes one CSV file (header, then rows in the order given); returns its path."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(row[c]) for c in columns])
    return path


def write_exports(results: dict[str, DataFrame], gold_df: DataFrame, out_dir: str) -> list[str]:
    """Writes <out_dir>/export/: kpi_monthly.csv (restricted gold), <view>.csv per view, and views.json.

    views.json is {view name: [row dicts]}, rows sorted as in the CSVs. Returns the paths written.
    """
    export = os.path.join(out_dir, "export")
    os.makedirs(export, exist_ok=True)
    missing = [c for c in GOLD_EXPORT_COLUMNS if c not in gold_df.columns]
    if missing:
        raise ValueError(f"gold table lacks column(s) {', '.join(missing)} needed by export/kpi_monthly.csv")
    gold_rows = sorted_rows(gold_df.select(*GOLD_EXPORT_COLUMNS))
    paths = [write_csv(os.path.join(export, "kpi_monthly.csv"), GOLD_EXPORT_COLUMNS, gold_rows)]
    views: dict[str, list[dict]] = {}
    for name, frame in results.items():
        views[name] = sorted_rows(frame)
        paths.append(write_csv(os.path.join(export, f"{name}.csv"), frame.columns, views[name]))
    views_json = os.path.join(export, "views.json")
    with open(views_json, "w", encoding="utf-8") as handle:
        # allow_nan=False: a NaN would be invalid JSON for the dashboard; rates are null instead.
        json.dump(views, handle, separators=(",", ":"), allow_nan=False)
    paths.append(views_json)
    return paths


def write_prevalence_export(prevalence: DataFrame, out_dir: str) -> str:
    """<out_dir>/export/condition_prevalence.csv: the restricted gold table, unsuppressed, in docs/kpis.md's order."""
    export = os.path.join(out_dir, "export")
    os.makedirs(export, exist_ok=True)
    rows = sorted_rows(prevalence.select(*PREVALENCE_COLUMNS))
    return write_csv(os.path.join(export, "condition_prevalence.csv"), PREVALENCE_COLUMNS, rows)
