"""UTC normalisation of FHIR date/time columns, and the de-identified patient table."""

from datetime import date, datetime

from pyspark.sql import functions as F

from lakehouse.silver.deid import VERSION_TIME, deidentified_patients
from lakehouse.silver.tables import RESOURCE_ID
from lakehouse.silver.timestamps import INVALID_TIMES, normalise_times


def test_offsets_partial_dates_and_garbage_become_utc_timestamps_or_null(spark):
    frame = spark.createDataFrame(
        [("2012-08-19T00:16:28+02:00", "1980-02-29"), ("2012-08", "1990"), ("not a date", None)],
        ["start_ts", "birth_date"],
    )
    rows = normalise_times(frame, [("start_ts", "dateTime"), ("birth_date", "date"), ("absent", "instant")]).collect()
    # The session time zone is UTC, so Python sees the UTC wall-clock time.
    assert [r.start_ts for r in rows] == [datetime(2012, 8, 18, 22, 16, 28), datetime(2012, 8, 1), None]
    assert [r.birth_date for r in rows] == [date(1980, 2, 29), date(1990, 1, 1), None]


def test_times_outside_the_lake_range_become_null_and_are_counted_per_row(spark):
    frame = spark.createDataFrame(
        [
            ("0001-01-01T00:00:00Z", "1890-05-01"),  # an instant in year 1; a birth in 1890 (kept: range from 1800)
            ("1799-12-31T23:59:59Z", "1799-12-31"),  # just before the range
            ("10000-01-01T00:00:00Z", "2199-12-31"),  # year 10000 (never a month +10000-01); the last valid day
            ("2199-12-31T23:59:59+00:00", "2200-01-01"),  # the last valid second; the first day after
            ("1800-01-01T01:00:00+01:00", None),  # exactly the earliest instant, written with an offset
        ],
        ["start_ts", "birth_date"],
    )
    rows = normalise_times(frame, [("start_ts", "dateTime"), ("birth_date", "date")]).collect()
    assert [r.start_ts for r in rows] == [None, None, None, datetime(2199, 12, 31, 23, 59, 59), datetime(1800, 1, 1)]
    assert [r.birth_date for r in rows] == [date(1890, 5, 1), None, date(2199, 12, 31), None, None]
    assert [r[INVALID_TIMES] for r in rows] == [1, 2, 1, 1, 0]


def test_deidentified_patients_keep_no_direct_identifiers_and_group_ages_over_89(spark):
    columns = (
        "id string, gender string, birth_date date, country string, state string, postal_code string, "
        "deceased_datetime timestamp, "
        "deceased_boolean boolean, family_name string, given_name string, identifier_value string, city string"
    )
    rows = [
        ("p1", "female", date(1990, 6, 1), "US", "MA", "02139", None, None, "Doe", "Jane", "MRN1", "Cambridge"),
        (
            "p2",
            "male",
            date(1930, 1, 1),
            "Ghana",
            "Ashanti",
            None,
            datetime(2024, 1, 1),
            None,
            "Mensah",
            "Kofi",
            "MRN2",
            "Kumasi",
        ),
    ]
    # Age is as of the record's last update (a row changes only when the record does), here 2024-06-01.
    patients = spark.createDataFrame(rows, columns).withColumn(RESOURCE_ID, F.col("id"))
    result = deidentified_patients(patients.withColumn(VERSION_TIME, F.lit("2024-06-01T00:00:00Z")))
    assert set(result.columns).isdisjoint(
        {"family_name", "given_name", "identifier_value", "city", "postal_code", "birth_date"}
    )
    got = {r.id: r.asDict() for r in result.collect()}
    assert (got["p1"]["birth_year"], got["p1"]["age"], got["p1"]["postal_code_prefix"], got["p1"]["is_deceased"]) == (
        1990,
        "34",
        "021",
        False,
    )
    assert (got["p2"]["birth_year"], got["p2"]["age"], got["p2"]["is_deceased"]) == (None, "90+", True)
