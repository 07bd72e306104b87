"""The published views: athena/views/*.sql (Trino SQL, as Athena runs them) transpiled to Spark SQL with sqlglot.

The same files are declared as Glue VIRTUAL_VIEWs by the Pulumi Athena component, so what runs locally is what
Athena runs. Views read the gold tables unqualified (`kpi_monthly`, `condition_prevalence`) and may read each other
by name.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import sqlglot
from pyspark.sql import DataFrame, SparkSession
from sqlglot import exp

from lakehouse.contracts import contract

# The gold tables views may read, as the gold job's hive sync names them (shared with the analyst's policy).
GOLD_TABLES: tuple[str, ...] = tuple(contract("published_gold_tables")["tables"])


def default_views_dir() -> Path:
    """athena/views at the repository root (glue-jobs/lakehouse/publish is three levels down), or
    LAKEHOUSE_VIEWS_DIR."""
    explicit = os.environ.get("LAKEHOUSE_VIEWS_DIR")
    return Path(explicit) if explicit else Path(__file__).resolve().parents[3] / "athena" / "views"


def load_views(views_dir: str | os.PathLike | None = None) -> dict[str, str]:
    """{view name: Trino SQL} for every <name>.sql in views_dir (default athena/views), sorted by name."""
    folder = Path(views_dir) if views_dir is not None else default_views_dir()
    if not folder.is_dir():
        raise FileNotFoundError(f"views folder not found: {folder}")
    views = {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.sql"))}
    if not views:
        raise FileNotFoundError(f"no *.sql view in {folder}")
    return views


def parse_trino(name: str, trino_sql: str) -> exp.Expression:
    """Parses one view's single SELECT in the Trino dialect; the error names the view."""
    try:
        statements = [s for s in sqlglot.parse(trino_sql, read="trino") if s is not None]
    except sqlglot.errors.ParseError as err:
        raise ValueError(f"view {name}: not valid Trino SQL: {err}") from err
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        raise ValueError(f"view {name}: expected exactly one SELECT statement, found {len(statements)} statement(s)")
    return statements[0]


def to_spark_sql(trino_sql: str, name: str = "view") -> str:
    """The Spark SQL equivalent of one Trino view (sqlglot read="trino", write="spark")."""
    return parse_trino(name, trino_sql).sql(dialect="spark")


def tables_read(name: str, trino_sql: str) -> set[str]:
    """Names of the tables and views a view reads (its own CTE names excluded)."""
    tree = parse_trino(name, trino_sql)
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    return {table.name for table in tree.find_all(exp.Table)} - ctes


def dependency_order(views: dict[str, str]) -> list[str]:
    """View names ordered so each comes after the views it reads; ties by name. Unknown sources and cycles fail."""
    reads = {name: tables_read(name, sql) for name, sql in views.items()}
    for name, tables in reads.items():
        unknown = sorted(tables - set(views) - set(GOLD_TABLES))
        if unknown:
            raise ValueError(
                f"view {name} reads {', '.join(unknown)}: neither a gold table ({', '.join(GOLD_TABLES)}) "
                "nor a view in the folder"
            )
    ordered: list[str] = []
    pending = {name: tables & set(views) for name, tables in reads.items()}
    while pending:
        ready = sorted(name for name, needs in pending.items() if needs <= set(ordered))
        if not ready:
            raise ValueError(f"views read each other in a cycle: {', '.join(sorted(pending))}")
        ordered.extend(ready)
        for name in ready:
            del pending[name]
    return ordered


def run_views(
    spark: SparkSession, gold: Mapping[str, DataFrame], views: dict[str, str] | None = None
) -> dict[str, DataFrame]:
    """Runs every view over the gold tables ({name: DataFrame}, each registered as a temp view of its name), each
    view registered under its own name.

    Returns {view name: DataFrame} in dependency order. views: {name: Trino SQL}; default load_views(). A view
    reading a gold table not given fails, naming both.
    """
    views = views if views is not None else load_views()
    order = dependency_order(views)
    for name in order:
        missing = sorted((tables_read(name, views[name]) & set(GOLD_TABLES)) - set(gold))
        if missing:
            raise ValueError(f"view {name} reads the gold table(s) {', '.join(missing)}, which were not given")
    for table, frame in gold.items():
        frame.createOrReplaceTempView(table)
    results: dict[str, DataFrame] = {}
    for name in order:
        frame = spark.sql(to_spark_sql(views[name], name))
        frame.createOrReplaceTempView(name)
        results[name] = frame
    return results
