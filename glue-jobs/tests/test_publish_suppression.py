"""The views over hand-made gold rows with known answers: rule of eleven, zero denominators, exact aggregation."""

from __future__ import annotations

import pytest

from lakehouse.publish import run_views
from tests.publish.gold_rows import gold_tables

FLAGS = (
    "infection_rate_suppressed",
    "mortality_rate_suppressed",
    "readmission_rate_suppressed",
    "los_suppressed",
    "suppressed",
)


@pytest.fixture(scope="module")
def views(spark):
    results = run_views(spark, gold_tables(spark))
    return {name: [row.asDict() for row in frame.collect()] for name, frame in results.items()}


def one(rows, **key):
    matches = [r for r in rows if all(r[k] == v for k, v in key.items())]
    assert len(matches) == 1, f"{key}: {len(matches)} rows"
    return matches[0]


def flags(row):
    return tuple(row[f] for f in FLAGS)


def test_published_keeps_one_row_per_gold_row(views):
    keys = {(r["month"], r["region"], r["facility_id"]) for r in views["kpi_monthly_published"]}
    assert len(views["kpi_monthly_published"]) == 6 and len(keys) == 6


def test_zero_denominators_give_null_rates_without_suppression(views):
    row = one(views["kpi_monthly_published"], month="2024-01", facility_id="f1")
    assert (
        row["infection_rate"],
        row["mortality_rate"],
        row["readmission_rate_30d"],
        row["avg_length_of_stay_days"],
    ) == (None,) * 4
    assert flags(row) == (False,) * 5
    assert (row["encounters"], row["infection_encounters"], row["inpatient_deaths"]) == (0, 0, 0)


@pytest.mark.parametrize("facility", ["f2", None], ids=["denominator 1", "denominator 10"])
def test_denominators_1_and_10_suppress_the_rate_and_its_numerator(views, facility):
    row = one(views["kpi_monthly_published"], month="2024-01", facility_id=facility)
    assert flags(row) == (True,) * 5
    for column in (
        "infection_encounters",
        "infection_rate",
        "inpatient_deaths",
        "mortality_rate",
        "index_discharges",
        "readmissions_30d",
    ):
        assert row[column] is None, column
    assert row["readmission_rate_30d"] is None and row["avg_length_of_stay_days"] is None
    # Denominators stay published: only numerators would give a suppressed rate back.
    assert (row["encounters"], row["inpatient_discharges"]) in {(1, 1), (10, 10)}


def test_denominator_11_publishes_every_rate(views):
    row = one(views["kpi_monthly_published"], month="2024-02", facility_id="f3")
    assert flags(row) == (False,) * 5
    assert row["infection_encounters"] == 2 and row["infection_rate"] == pytest.approx(2 / 11)
    assert row["inpatient_deaths"] == 0 and row["mortality_rate"] == 0.0
    assert row["readmissions_30d"] == 3 and row["readmission_rate_30d"] == pytest.approx(3 / 11)
    assert row["avg_length_of_stay_days"] == pytest.approx(2.0)


def test_readmission_alone_is_suppressed_when_only_index_discharges_are_small(views):
    row = one(views["kpi_monthly_published"], month="2024-02", facility_id="f1")
    assert flags(row) == (False, False, True, False, True)
    assert row["mortality_rate"] == pytest.approx(1 / 11) and row["index_discharges"] == 10
    assert row["readmissions_30d"] is None and row["readmission_rate_30d"] is None


def test_by_month_recomputes_rates_from_summed_counts(views):
    january = one(views["kpi_by_month"], month="2024-01")
    # Sums of rows with 0, 1 and 10 encounters: 4 of 11, not the mean of the row rates (0.65).
    assert (january["encounters"], january["infection_encounters"]) == (11, 4)
    assert january["infection_rate"] == 4 / 11
    assert january["mortality_rate"] == 2 / 11
    assert flags(january) == (False, False, True, False, True)
    assert january["index_discharges"] == 9 and january["readmissions_30d"] is None


def test_by_month_averages_length_of_stay_exactly(views):
    january = one(views["kpi_by_month"], month="2024-01")
    february = one(views["kpi_by_month"], month="2024-02")
    assert january["avg_length_of_stay_days"] == 28.0 / 11  # not the mean of 3.0 and 2.5
    assert february["avg_length_of_stay_days"] == 33.5 / 22
    assert february["readmission_rate_30d"] == 3 / 21 and february["mortality_rate"] == 1 / 22


def test_by_month_suppresses_small_aggregates_and_nulls_zero_denominators(views):
    march = one(views["kpi_by_month"], month="2024-03")
    assert march["encounters"] == 5 and march["infection_encounters"] is None and march["infection_rate"] is None
    assert march["mortality_rate"] is None and march["avg_length_of_stay_days"] is None
    assert flags(march) == (True, False, False, False, True)


def test_by_region_sums_over_every_month_and_facility(views):
    assert sorted(r["region"] for r in views["kpi_by_region"]) == ["east", "north", "south"]
    north = one(views["kpi_by_region"], region="north")
    assert (north["encounters"], north["infection_encounters"], north["infection_rate"]) == (12, 1, 1 / 12)
    assert north["readmission_rate_30d"] == 1 / 11 and north["avg_length_of_stay_days"] == 14.5 / 12
    south = one(views["kpi_by_region"], region="south")
    assert (south["infection_rate"], south["mortality_rate"], south["readmission_rate_30d"]) == (5 / 21, 2 / 21, 4 / 19)
    assert south["avg_length_of_stay_days"] == 47.0 / 21 and not south["suppressed"]


def test_totals_cover_everything(views):
    (total,) = views["kpi_totals"]
    assert (total["first_month"], total["last_month"]) == ("2024-01", "2024-03")
    assert (total["encounters"], total["infection_encounters"], total["inpatient_discharges"]) == (38, 7, 33)
    assert (
        total["infection_rate"] == 7 / 38
        and total["mortality_rate"] == 3 / 33
        and total["readmission_rate_30d"] == 5 / 30
    )
    assert total["avg_length_of_stay_days"] == 61.5 / 33 and not total["suppressed"]


def test_totals_of_an_empty_gold_table_are_no_row(spark):
    results = run_views(spark, gold_tables(spark, [], []))
    assert results["kpi_totals"].count() == 0 and results["kpi_by_month"].count() == 0
