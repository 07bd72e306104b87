"""Shared fixtures: one local Spark session with Hudi for the whole test run."""

from __future__ import annotations

import pytest

from lakehouse.spark_session import local_spark


@pytest.fixture(scope="session")
def spark():
    session = local_spark("fhir-lakehouse-tests")
    yield session
    session.stop()
