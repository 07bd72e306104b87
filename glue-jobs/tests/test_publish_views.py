"""The view files: valid Trino SQL, a column header per file, transpiled to Spark, ordered by dependency."""

from __future__ import annotations

import re

import pytest
import sqlglot

from lakehouse.publish import dependency_order, load_views, run_views, to_spark_sql
from lakehouse.publish.views import tables_read
from tests.publish.gold_rows import gold_tables

EXPECTED_VIEWS = {
    "condition_prevalence_published",
    "kpi_by_facility",
    "kpi_by_month",
    "kpi_by_period",
    "kpi_by_region",
    "kpi_monthly_published",
    "kpi_rollup",
    "kpi_totals",
    "publication_settings",
}
# What each view reads: the KPI views go through kpi_rollup, every threshold through publication_settings.
READS = {
    "publication_settings": set(),
    "kpi_rollup": {"kpi_monthly", "publication_settings"},
    "condition_prevalence_published": {"condition_prevalence", "publication_settings"},
}
HEADER = re.compile(r"^--\s*columns:\s*(.+)$", re.MULTILINE)
PRESTO_TYPES = {"varchar", "bigint", "double", "boolean"}


@pytest.fixture(scope="module")
def views():
    return load_views()


def test_every_expected_view_has_a_file(views):
    assert set(views) == EXPECTED_VIEWS


def test_every_view_parses_as_one_trino_select(views):
    for name, sql in views.items():
        statements = sqlglot.parse(sql, read="trino")
        assert len(statements) == 1, name
        assert isinstance(statements[0], sqlglot.exp.Query), name


def test_each_view_reads_what_the_design_says_all_unqualified(views):
    for name, sql in views.items():
        assert tables_read(name, sql) == READS.get(name, {"kpi_rollup"}), name
        tables = sqlglot.parse_one(sql, read="trino").find_all(sqlglot.exp.Table)
        assert all(not t.db and not t.catalog for t in tables), f"{name} names a database"


def test_the_columns_header_matches_the_select_list(spark, views):
    results = run_views(spark, gold_tables(spark), views)
    for name, sql in views.items():
        declared = [part.strip().split() for part in HEADER.search(sql).group(1).split(",")]
        assert [c for c, _ in declared] == results[name].columns, name
        assert {t for _, t in declared} <= PRESTO_TYPES, name
        spark_types = {f.name: f.dataType.simpleString() for f in results[name].schema.fields}
        expected = {"varchar": "string", "bigint": "bigint", "double": "double", "boolean": "boolean"}
        assert {c: expected[t] for c, t in declared} == spark_types, name


def test_views_end_with_select_star_from_final_and_have_no_trailing_comma_before_from(views):
    for name, sql in views.items():
        assert sql.rstrip().endswith("select * from final"), name
        assert not re.search(r",\s*\n\s*from\s", sql), name


def test_to_spark_sql_translates_trino_functions():
    spark_sql = to_spark_sql("select if(a, null, b) as c, cast(x as varchar) as y from kpi_monthly")
    assert "CAST(x AS STRING)" in spark_sql
    assert "IF(a, NULL, b)" in spark_sql


def test_to_spark_sql_rejects_several_statements_naming_the_view():
    with pytest.raises(ValueError, match="view broken: expected exactly one SELECT"):
        to_spark_sql("select 1; select 2", "broken")


def test_to_spark_sql_rejects_invalid_sql_naming_the_view():
    with pytest.raises(ValueError, match="view broken: not valid Trino SQL"):
        to_spark_sql("select from where (", "broken")


def test_dependency_order_puts_a_view_after_the_views_it_reads():
    views = {
        "a_top": "select * from z_base",
        "z_base": "select * from kpi_monthly",
        "m_mid": "select * from kpi_monthly",
    }
    assert dependency_order(views) == ["m_mid", "z_base", "a_top"]


def test_dependency_order_ignores_cte_names():
    views = {"v": "with kpi as (select * from kpi_monthly), final as (select * from kpi) select * from final"}
    assert dependency_order(views) == ["v"]


def test_dependency_order_rejects_an_unknown_source():
    with pytest.raises(ValueError, match="view v reads other_table: neither a gold table"):
        dependency_order({"v": "select * from other_table"})


def test_dependency_order_rejects_a_cycle():
    with pytest.raises(ValueError, match="cycle: a, b"):
        dependency_order({"a": "select * from b", "b": "select * from a"})


def test_load_views_fails_on_a_folder_without_views(tmp_path):
    with pytest.raises(FileNotFoundError, match="no \\*.sql view"):
        load_views(tmp_path)


def test_run_views_registers_each_view_so_a_later_view_can_read_it(spark):
    views = {
        "a_months": "select month, count(*) as n from b_base group by month",
        "b_base": "select month from kpi_monthly where encounters > 0",
    }
    results = run_views(spark, gold_tables(spark), views)
    assert list(results) == ["b_base", "a_months"]
    assert sorted((r["month"], r["n"]) for r in results["a_months"].collect()) == [
        ("2024-01", 2),
        ("2024-02", 2),
        ("2024-03", 1),
    ]


def test_run_views_names_a_gold_table_that_was_not_given(spark):
    views = {"v": "select * from condition_prevalence"}
    with pytest.raises(ValueError, match="view v reads the gold table\\(s\\) condition_prevalence, which were not"):
        run_views(spark, {"kpi_monthly": gold_tables(spark)["kpi_monthly"]}, views)
