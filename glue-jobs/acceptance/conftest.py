"""Acceptance suites over ../shared/data. They fail, loudly, when the data is not there: never skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lakehouse.spark_session import local_spark


def _shared_data() -> Path:
    value = os.environ.get("SHARED_DATA")
    if not value:
        raise pytest.UsageError("SHARED_DATA is not set: run the acceptance suites with `npm run acceptance`")
    path = Path(value)
    if not (path / "synthea-r4").is_dir() or not (path / "sql-on-fhir-v2-tests").is_dir():
        raise pytest.UsageError(f"SHARED_DATA={path} lacks synthea-r4/ or sql-on-fhir-v2-tests/")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return _shared_data()


def pytest_configure(config):
    _shared_data()  # fail before collecting anything


@pytest.fixture(scope="session")
def spark():
    session = local_spark("fhir-lakehouse-acceptance")
    yield session
    session.stop()
