import json

import pytest

from lakehouse.bronze.job import BronzeSummary
from lakehouse.contracts import job_argument_names
from lakehouse.runtime import job_arguments, on_glue
from lakehouse.summary import emit

REQUIRED, _ = job_argument_names("bronze")


def test_glue_style_arguments_are_parsed_and_glue_s_own_extra_arguments_ignored():
    argv = [
        "--JOB_NAME",
        "bronze",
        "--raw_path",
        "s3://raw/fhir/",
        "--bronze_path",
        "b",
        "--quarantine_path",
        "q",
        "--audit_table",
        "t",
        "--job-bookmark-option",
        "x",
    ]
    args = job_arguments(argv, REQUIRED, ["run_id"])
    assert args == {
        "raw_path": "s3://raw/fhir/",
        "bronze_path": "b",
        "quarantine_path": "q",
        "audit_table": "t",
        "run_id": None,
    }


def test_a_missing_required_argument_stops_the_job_with_its_name(capsys):
    with pytest.raises(SystemExit):
        job_arguments(["--raw_path", "x"], REQUIRED, [])
    assert "--bronze_path" in capsys.readouterr().err


def test_the_package_runs_without_awsglue():
    assert on_glue() is False


def test_a_summary_is_one_json_line_of_counts(capsys):
    emit("bronze", BronzeSummary(files_listed=2, records_read=5, records_written=4, records_quarantined=1))
    line = capsys.readouterr().out.strip()
    assert json.loads(line)["records_read"] == 5 and line.count("\n") == 0
