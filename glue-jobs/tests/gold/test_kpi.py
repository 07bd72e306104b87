"""docs/kpis.md edge cases with hand-made silver rows and answers worked out by hand."""

from datetime import UTC, datetime

import pytest

from lakehouse.gold.kpi import kpi_monthly
from lakehouse.gold.value_set import load_value_set
from tests.gold.frames import ICD10CM, SNOMED, enc, frames, pat

NOW = datetime(2024, 12, 1, tzinfo=UTC)


def run(spark, encounters, patients, codings=()):
    rows = kpi_monthly(*frames(spark, encounters, patients, codings), load_value_set(), NOW).collect()
    return {(r.month, r.region, r.facility_id): r.asDict() for r in rows}


def only(result):
    assert len(result) == 1, result
    return next(iter(result.values()))


def test_a_readmission_at_exactly_30_days_counts_and_one_second_later_does_not(spark):
    encounters = [
        enc("a1", "p1", "IMP", "2024-01-01 08:00", "2024-01-03 08:00"),
        enc("a2", "p1", "IMP", "2024-02-02 08:00", "2024-02-03 08:00"),  # exactly 30 days after a1's discharge
        enc("b1", "p2", "IMP", "2024-01-01 08:00", "2024-01-03 08:00"),
        enc("b2", "p2", "IMP", "2024-02-02 08:00:01", "2024-02-03 08:00"),
    ]
    jan = run(spark, encounters, [pat("p1"), pat("p2")])[("2024-01", "Ghana/Ashanti", "f1")]
    assert (jan["index_discharges"], jan["readmissions_30d"], jan["readmission_rate_30d"]) == (2, 1, 0.5)


def test_a_next_admission_starting_at_the_discharge_instant_is_not_a_readmission(spark):
    encounters = [
        enc("a1", "p1", "IMP", "2024-01-01 08:00", "2024-01-03 08:00"),
        enc("a2", "p1", "IMP", "2024-01-03 08:00", None),
    ]
    row = run(spark, encounters, [pat("p1")])[("2024-01", "Ghana/Ashanti", "f1")]
    assert row["readmissions_30d"] == 0


def test_readmission_counts_any_facility_but_not_outpatient_visits(spark):
    encounters = [
        enc("a1", "p1", "IMP", "2024-03-01 00:00", "2024-03-02 00:00", facility="f1"),
        enc("a2", "p1", "AMB", "2024-03-05 00:00", "2024-03-05 01:00", facility="f1"),
        enc("b1", "p2", "IMP", "2024-03-01 00:00", "2024-03-02 00:00", facility="f1"),
        enc("b2", "p2", "ACUTE", "2024-03-10 00:00", None, facility="f2"),
    ]
    row = run(spark, encounters, [pat("p1"), pat("p2")])[("2024-03", "Ghana/Ashanti", "f1")]
    assert (row["index_discharges"], row["readmissions_30d"]) == (2, 1)


def test_a_death_at_discharge_counts_as_death_and_is_not_an_index_discharge(spark):
    encounters = [
        enc("a1", "p1", "IMP", "2024-01-01 00:00", "2024-01-05 00:00", disposition="exp"),
        enc("a2", "p1", "IMP", "2024-01-10 00:00", "2024-01-11 00:00"),
        enc("b1", "p2", "IMP", "2024-01-01 00:00", "2024-01-05 00:00"),
    ]
    patients = [pat("p1"), pat("p2", deceased="2024-01-05 23:00")]  # within end_ts + 1 day
    row = run(spark, encounters, patients)[("2024-01", "Ghana/Ashanti", "f1")]
    assert (row["inpatient_discharges"], row["inpatient_deaths"], row["index_discharges"]) == (3, 2, 1)
    assert row["mortality_rate"] == pytest.approx(2 / 3)
    assert row["readmissions_30d"] == 0  # a death is never an index discharge, whatever follows


def test_a_death_more_than_a_day_after_discharge_is_not_an_in_hospital_death(spark):
    encounters = [enc("a1", "p1", "IMP", "2024-01-01 00:00", "2024-01-05 00:00")]
    assert only(run(spark, encounters, [pat("p1", deceased="2024-01-06 00:00:01")]))["inpatient_deaths"] == 0
    assert only(run(spark, encounters, [pat("p1", deceased="2024-01-06 00:00")]))["inpatient_deaths"] == 1


def test_still_admitted_stays_count_as_encounters_but_not_as_discharges(spark):
    row = only(run(spark, [enc("a1", "p1", "IMP", "2024-05-01 00:00", None)], [pat("p1")]))
    assert (row["encounters"], row["inpatient_discharges"]) == (1, 0)
    assert (
        row["mortality_rate"] is None and row["readmission_rate_30d"] is None and row["avg_length_of_stay_days"] is None
    )


def test_discharges_are_grouped_by_the_month_of_discharge_and_encounters_by_the_month_of_start(spark):
    result = run(spark, [enc("a1", "p1", "IMP", "2024-01-30 00:00", "2024-02-02 12:00")], [pat("p1")])
    jan, feb = result[("2024-01", "Ghana/Ashanti", "f1")], result[("2024-02", "Ghana/Ashanti", "f1")]
    assert (jan["encounters"], jan["inpatient_discharges"]) == (1, 0)
    assert (feb["encounters"], feb["inpatient_discharges"], feb["avg_length_of_stay_days"]) == (0, 1, 3.5)
    assert feb["infection_rate"] is None  # zero denominator: null, never 0


def test_infections_match_icd10_with_or_without_the_dot_and_snomed_and_only_in_their_encounter(spark):
    encounters = [enc(f"e{i}", "p1", "AMB", "2024-04-01 00:00", "2024-04-01 01:00") for i in range(5)]
    codings = [
        ("c0", "e0", ICD10CM, "N39.0"),
        ("c1", "e1", ICD10CM, "J181"),
        ("c2", "e2", SNOMED, "233604007"),
        ("c3", "e3", SNOMED, "44054006"),  # diabetes: not an infection
        ("c4", None, SNOMED, "233604007"),  # no encounter: counts nowhere
        ("c5", "e0", SNOMED, "91302008"),  # a second infection in e0 counts e0 once
    ]
    row = only(run(spark, encounters, [pat("p1")], codings))
    assert (row["encounters"], row["infection_encounters"], row["infection_rate"]) == (5, 3, 0.6)


def test_region_is_country_slash_state_with_unknown_when_both_are_missing(spark):
    encounters = [
        enc("a", "p1", "AMB", "2024-04-01 00:00", None),
        enc("b", "p2", "AMB", "2024-04-01 00:00", None),
        enc("c", "p3", "AMB", "2024-04-01 00:00", None),
        enc("d", "ghost", "AMB", "2024-04-01 00:00", None, facility=None),
    ]
    patients = [pat("p1", "US", "MA"), pat("p2", "Kenya", None), pat("p3", None, "")]
    assert set(run(spark, encounters, patients)) == {
        ("2024-04", "US/MA", "f1"),
        ("2024-04", "Kenya/", "f1"),
        ("2024-04", "unknown", "f1"),
        ("2024-04", "unknown", None),
    }


def test_a_month_without_inpatients_has_null_inpatient_rates(spark):
    row = only(run(spark, [enc("a", "p1", "EMER", "2024-06-01 00:00", "2024-06-01 05:00")], [pat("p1")]))
    assert (
        row["inpatient_discharges"],
        row["mortality_rate"],
        row["readmission_rate_30d"],
        row["avg_length_of_stay_days"],
    ) == (
        0,
        None,
        None,
        None,
    )
    assert row["infection_rate"] == 0.0


def test_no_encounters_give_no_rows(spark):
    assert run(spark, [], [pat("p1")]) == {}
