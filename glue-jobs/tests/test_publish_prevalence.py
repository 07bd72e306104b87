"""condition_prevalence_published over hand-made gold rows: docs/kpis.md's small-cell rule for prevalence."""

from __future__ import annotations

import pytest

from lakehouse.publish import run_views
from tests.publish.gold_rows import gold_tables

COUNTS = ("patients_with_condition", "new_cases")
RATES = ("prevalence", "incidence")


@pytest.fixture(scope="module")
def published(spark):
    frame = run_views(spark, gold_tables(spark))["condition_prevalence_published"]
    return {(r["year"], r["region"], r["condition_code"]): r.asDict() for r in frame.collect()}


def test_one_published_row_per_gold_row(published):
    assert len(published) == 5


@pytest.mark.parametrize("code", ["A15.9", "E11.9"], ids=["1 patient", "10 patients"])
def test_1_to_10_patients_with_the_condition_null_both_counts_and_both_rates(published, code):
    row = published[("2023", "north", code)]
    assert [row[c] for c in COUNTS + RATES] == [None] * 4
    assert (row["counts_suppressed"], row["rates_suppressed"]) == (True, True)
    assert row["population"] == 500 and row["condition_display"] == f"display of {code}"


def test_11_patients_publish_counts_and_rates_even_with_no_new_case(published):
    row = published[("2023", "north", "I10")]
    assert [row[c] for c in COUNTS + RATES] == [11, 0, 11 / 500, 0.0]
    assert (row["counts_suppressed"], row["rates_suppressed"]) == (False, False)


def test_a_population_of_10_nulls_the_rates_and_keeps_the_population(published):
    row = published[("2023", "south", "I10")]
    assert row["population"] == 10
    assert [row[c] for c in RATES] == [None, None] and row["rates_suppressed"] is True


def test_a_population_of_11_is_published(published):
    row = published[("2024", "south", "I10")]
    assert [row[c] for c in ("population", *COUNTS, *RATES)] == [11, 11, 11, 1.0, 1.0]
    assert (row["counts_suppressed"], row["rates_suppressed"]) == (False, False)
