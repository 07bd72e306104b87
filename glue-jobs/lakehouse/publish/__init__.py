"""Publishing gold: the Athena views (athena/views/*.sql, Trino SQL) run on Spark, and the exports they feed."""

from lakehouse.publish.exports import GOLD_EXPORT_COLUMNS, write_exports
from lakehouse.publish.views import GOLD_TABLES, dependency_order, load_views, run_views, to_spark_sql

__all__ = [
    "GOLD_EXPORT_COLUMNS",
    "GOLD_TABLES",
    "dependency_order",
    "load_views",
    "run_views",
    "to_spark_sql",
    "write_exports",
]
