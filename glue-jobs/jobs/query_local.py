"""Runs one Trino SQL query over a local lake's gold tables and published views (athena/views), on local Spark.

Prints NDJSON on stdout: a {"columns": [...]} line, then one JSON array per row. `npm run query -- --lake DIR`
formats it. Usage: python glue-jobs/jobs/query_local.py --lake <lake folder> --sql "<Trino SQL>"
"""

from __future__ import annotations

import argparse
import os
import sys

from pyspark.errors import AnalysisException, ParseException

from lakehouse.publish.query import query, result_lines
from lakehouse.spark_session import local_spark


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lake", required=True, help="the lake folder (holds gold/)")
    parser.add_argument("--sql", required=True, help="one Trino SELECT, as Athena would run it")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    gold = os.path.join(os.path.abspath(args.lake), "gold")
    if not os.path.isdir(gold):
        raise SystemExit(f"query_local: {gold} does not exist: run `npm run lakehouse -- --out {args.lake}` first")
    spark = local_spark("fhir-lakehouse-query")
    try:
        for line in result_lines(query(spark, gold, args.sql)):
            sys.stdout.write(line + "\n")
    except (ValueError, AnalysisException, ParseException) as err:  # bad SQL: the message, without a traceback
        raise SystemExit(f"query_local: {str(err).strip()}") from None
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
