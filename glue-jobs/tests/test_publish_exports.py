"""The exports: restricted gold CSV (exact header, order, one file), a CSV per view, and views.json."""

from __future__ import annotations

import csv
import json

import pytest

from lakehouse.publish import load_views, run_views, write_exports
from lakehouse.publish.exports import cell
from tests.publish.gold_rows import gold_frame, gold_row, prevalence_frame

GOLD_HEADER = (
    "month,region,facility_id,encounters,infection_encounters,infection_rate,inpatient_discharges,inpatient_deaths,"
    "mortality_rate,index_discharges,readmissions_30d,readmission_rate_30d,avg_length_of_stay_days"
)
# Out of order on purpose, with a null facility that must sort first within its region.
ROWS = [
    gold_row("2024-02", "b", "f1", 20, 2, 12, 1, 11, 2, 30.0),
    gold_row("2024-01", "b", "f2", 0, 0, 0, 0, 0, 0, 0.0),
    gold_row("2024-01", "a", "f2", 12, 3, 0, 0, 0, 0, 0.0),
    gold_row("2024-01", "b", None, 5, 1, 4, 1, 3, 0, 9.0),
]


@pytest.fixture(scope="module")
def export(spark, tmp_path_factory):
    out = tmp_path_factory.mktemp("publish")
    gold = gold_frame(spark, ROWS)
    tables = {"kpi_monthly": gold, "condition_prevalence": prevalence_frame(spark)}
    files = write_exports(run_views(spark, tables), gold, str(out))
    return out / "export", files


def lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_gold_csv_has_the_exact_header_and_sorted_rows(export):
    folder, _ = export
    assert lines(folder / "kpi_monthly.csv") == [
        GOLD_HEADER,
        "2024-01,a,f2,12,3,0.25,0,0,,0,0,,",
        "2024-01,b,,5,1,0.2,4,1,0.25,3,0,0.0,2.25",
        "2024-01,b,f2,0,0,,0,0,,0,0,,",
        "2024-02,b,f1,20,2,0.1,12,1,0.08333333333333333,11,2,0.18181818181818182,2.5",
    ]


def test_gold_csv_is_the_restricted_table_with_counts_unsuppressed(export):
    folder, _ = export
    row = next(r for r in csv.DictReader((folder / "kpi_monthly.csv").open()) if r["facility_id"] == "")
    assert (row["infection_encounters"], row["inpatient_deaths"]) == ("1", "1")


def test_every_view_gets_a_csv_and_views_json_lists_every_file(export):
    folder, files = export
    names = sorted(p.name for p in folder.iterdir())
    # test_publish_views checks the folder holds the expected views; here each gets its CSV.
    assert names == sorted(["kpi_monthly.csv", "views.json", *(f"{view}.csv" for view in load_views())])
    assert sorted(f.rsplit("/", 1)[-1] for f in files) == names


def test_view_csv_writes_booleans_and_suppressed_nulls(export):
    folder, _ = export
    rows = list(csv.DictReader((folder / "kpi_monthly_published.csv").open()))
    assert [(r["month"], r["region"], r["facility_id"]) for r in rows] == [
        ("2024-01", "a", "f2"),
        ("2024-01", "b", ""),
        ("2024-01", "b", "f2"),
        ("2024-02", "b", "f1"),
    ]
    small = rows[1]
    assert (small["infection_rate"], small["infection_encounters"], small["suppressed"]) == ("", "", "true")
    assert rows[3]["suppressed"] == "false" and rows[3]["mortality_rate"] == "0.08333333333333333"


def test_views_json_holds_every_view_as_sorted_row_dicts(export):
    folder, _ = export
    views = json.loads((folder / "views.json").read_text(encoding="utf-8"))
    assert sorted(views) == sorted(load_views())
    assert [r["month"] for r in views["kpi_by_month"]] == ["2024-01", "2024-02"]
    january = views["kpi_by_month"][0]
    assert january["encounters"] == 17 and january["infection_rate"] == 4 / 17
    assert january["mortality_rate"] is None and january["mortality_rate_suppressed"] is True


def test_gold_export_names_a_missing_column(spark, tmp_path):
    gold = gold_frame(spark, ROWS).drop("readmissions_30d")
    with pytest.raises(ValueError, match="gold table lacks column\\(s\\) readmissions_30d"):
        write_exports({}, gold, str(tmp_path))


@pytest.mark.parametrize(
    ("value", "text"), [(None, ""), (True, "true"), (False, "false"), (0.1, "0.1"), (3, "3"), ("x,y", "x,y")]
)
def test_cell_formats_values(value, text):
    assert cell(value) == text
