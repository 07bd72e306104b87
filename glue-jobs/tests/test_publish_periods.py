"""kpi_by_period and kpi_by_facility against an independent computation of the publication rules: counts summed
from the gold rows of each period (month, quarter, year; all regions and per region) or facility, rates from the
sums, and the rule of eleven applied to the sums, so a quarter publishes what its months withhold."""

from __future__ import annotations

from collections import defaultdict

import pytest

from lakehouse.publish import run_views
from tests.publish.gold_rows import gold_row, gold_tables

MIN_CELL = 11  # docs/kpis.md: a denominator of 1..10 is not published
# Two years, two regions, three facilities; most months are small on their own.
ROWS = [
    gold_row("2023-11", "north", "f1", 4, 1, 3, 1, 2, 1, 9.0),
    gold_row("2023-12", "north", "f1", 6, 2, 5, 0, 5, 2, 12.5),
    gold_row("2023-12", "south", "f2", 12, 3, 12, 1, 11, 1, 30.0),
    gold_row("2024-01", "north", "f1", 5, 0, 4, 1, 3, 0, 8.0),
    gold_row("2024-02", "north", "f3", 3, 1, 3, 0, 3, 1, 6.0),
    gold_row("2024-03", "south", "f2", 9, 2, 8, 0, 8, 2, 20.0),
    gold_row("2024-04", "south", "f2", 0, 0, 0, 0, 0, 0, 0.0),
    gold_row("2024-12", "north", "f1", 20, 4, 15, 2, 13, 3, 45.0),
]
COUNTS = ("encounters", "infection_encounters", "inpatient_discharges", "inpatient_deaths", "index_discharges")


def quarter(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


PERIOD_OF = {"month": lambda m: m, "quarter": quarter, "year": lambda m: m[:4]}


def published(rows: list[dict]) -> dict:
    """The published measures of a group of gold rows, from docs/kpis.md's rules (written here, not from the SQL)."""
    total = {c: sum(r[c] for r in rows) for c in (*COUNTS, "readmissions_30d", "length_of_stay_days_sum")}

    def small(n):
        return 1 <= n < MIN_CELL

    def rate(num, den):
        return None if den == 0 else num / den

    inf_s, mort_s = small(total["encounters"]), small(total["inpatient_discharges"])
    readm_s = small(total["index_discharges"])
    return {
        "encounters": total["encounters"],
        "inpatient_discharges": total["inpatient_discharges"],
        "infection_encounters": None if inf_s else total["infection_encounters"],
        "infection_rate": None if inf_s else rate(total["infection_encounters"], total["encounters"]),
        "inpatient_deaths": None if mort_s else total["inpatient_deaths"],
        "mortality_rate": None if mort_s else rate(total["inpatient_deaths"], total["inpatient_discharges"]),
        "index_discharges": None if mort_s else total["index_discharges"],
        "readmissions_30d": None if mort_s or readm_s else total["readmissions_30d"],
        "readmission_rate_30d": None
        if mort_s or readm_s
        else rate(total["readmissions_30d"], total["index_discharges"]),
        "avg_length_of_stay_days": None
        if mort_s
        else rate(total["length_of_stay_days_sum"], total["inpatient_discharges"]),
        "suppressed": inf_s or mort_s or readm_s,
    }


def gold_dicts() -> list[dict]:
    names = ("kpi_key", "month", "region", "facility_id", "encounters", "infection_encounters", "infection_rate")
    names += ("inpatient_discharges", "inpatient_deaths", "mortality_rate", "index_discharges", "readmissions_30d")
    names += ("readmission_rate_30d", "avg_length_of_stay_days", "length_of_stay_days_sum", "computed_at")
    return [dict(zip(names, row, strict=True)) for row in ROWS]


def expected_periods() -> dict:
    groups = defaultdict(list)
    for r in gold_dicts():
        for grain, period_of in PERIOD_OF.items():
            groups[(grain, period_of(r["month"]), None)].append(r)
            groups[(grain, period_of(r["month"]), r["region"])].append(r)
    return {key: published(rows) for key, rows in groups.items()}


def expected_facilities() -> dict:
    groups = defaultdict(list)
    for r in gold_dicts():
        groups[(r["region"], r["facility_id"])].append(r)
    return {key: published(rows) for key, rows in groups.items()}


@pytest.fixture(scope="module")
def views(spark):
    results = run_views(spark, gold_tables(spark, ROWS))
    return {name: [row.asDict() for row in frame.collect()] for name, frame in results.items()}


def assert_measures(actual: dict, expected: dict, key) -> None:
    for column, want in expected.items():
        got = actual[column]
        assert got == (pytest.approx(want) if isinstance(want, float) else want), (key, column, got, want)


def test_every_period_grain_and_region_equals_the_independent_computation(views):
    expected = expected_periods()
    actual = {(r["period_grain"], r["period"], r["region"]): r for r in views["kpi_by_period"]}
    assert sorted(actual, key=str) == sorted(expected, key=str)
    assert all(r["all_regions"] == (r["region"] is None) for r in views["kpi_by_period"])
    for key, want in expected.items():
        assert_measures(actual[key], want, key)


def test_a_quarter_publishes_what_its_months_withhold(views):
    rows = {(r["period_grain"], r["period"], r["region"]): r for r in views["kpi_by_period"]}
    # North's months of 2023-Q4 (4 and 6 encounters) and its quarter (10) are small; the quarter over both
    # regions (22) is not, and neither is north's 2024 (28) though two of its months are.
    for month in ("2023-11", "2023-12", "2024-01", "2024-02"):
        assert rows[("month", month, "north")]["suppressed"] is True, month
    assert rows[("quarter", "2023-Q4", "north")]["infection_rate"] is None
    q4 = rows[("quarter", "2023-Q4", None)]
    assert (q4["encounters"], q4["infection_encounters"], q4["infection_rate"]) == (22, 6, pytest.approx(6 / 22))
    year = rows[("year", "2024", "north")]
    assert (year["encounters"], year["infection_encounters"], year["suppressed"]) == (28, 5, False)
    assert year["infection_rate"] == pytest.approx(5 / 28)


def test_every_facility_equals_the_independent_computation(views):
    expected = expected_facilities()
    actual = {(r["region"], r["facility_id"]): r for r in views["kpi_by_facility"]}
    assert sorted(actual) == sorted(expected)
    for key, want in expected.items():
        assert_measures(actual[key], want, key)
    f1 = actual[("north", "f1")]
    assert (f1["first_month"], f1["last_month"]) == ("2023-11", "2024-12")


def test_the_old_grains_are_unchanged_by_the_new_ones(views):
    months = {r["month"]: r for r in views["kpi_by_month"]}
    assert sorted(months) == sorted({r[1] for r in ROWS})
    for month, want in ((m, published([r for r in gold_dicts() if r["month"] == m])) for m in months):
        assert_measures(months[month], want, month)
    assert len(views["kpi_monthly_published"]) == len(ROWS)
    (total,) = views["kpi_totals"]
    assert_measures(total, published(gold_dicts()), "total")
