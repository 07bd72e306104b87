"""Publish locally: run the Athena views (athena/views/*.sql) over the gold zone's Hudi tables on local Spark.

Writes <out>/export/ (kpi_monthly.csv, one CSV per view, condition_prevalence.csv, views.json) and prints the
kpi_by_month table.
Usage: python glue-jobs/jobs/publish_local.py --gold_path <gold zone folder, holding kpi_monthly/> --out <dir>
"""

from __future__ import annotations

import argparse
import json
import os

from lakehouse.gold.tables import KPI_MONTHLY
from lakehouse.publish.exports import cell
from lakehouse.publish.local import publish_gold
from lakehouse.spark_session import local_spark

MONTH_COLUMNS = [
    "month",
    "encounters",
    "infection_rate",
    "mortality_rate",
    "readmission_rate_30d",
    "avg_length_of_stay_days",
    "suppressed",
]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold_path", required=True, help="the gold zone folder (holds kpi_monthly/)")
    parser.add_argument("--out", required=True, help="output folder; exports go to <out>/export/")
    parser.add_argument("--views_dir", default=None, help="folder of the *.sql views (default athena/views)")
    return parser.parse_args(argv)


def text_table(rows: list[dict], columns: list[str]) -> str:
    """An aligned plain-text table; floats to 4 decimals, null as '-'."""
    cells = [columns] + [
        [("-" if r[c] is None else f"{r[c]:.4f}" if isinstance(r[c], float) else cell(r[c])) for c in columns]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    return "\n".join("  ".join(v.rjust(w) for v, w in zip(line, widths, strict=True)) for line in cells)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    table = os.path.join(args.gold_path, KPI_MONTHLY.name)
    if not os.path.isdir(os.path.join(table, ".hoodie")):
        raise SystemExit(f"publish_local: {table} is not a Hudi table (no .hoodie folder): run the gold job first")
    spark = local_spark("fhir-lakehouse-publish")
    try:
        files = publish_gold(spark, args.gold_path, args.out, args.views_dir)
    finally:
        spark.stop()
    print(f"publish_local: wrote {len(files)} files to {os.path.join(args.out, 'export')}")
    with open(os.path.join(args.out, "export", "views.json"), encoding="utf-8") as handle:
        print(text_table(json.load(handle)["kpi_by_month"], MONTH_COLUMNS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
