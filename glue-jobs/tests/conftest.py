"""Shared fixtures: one local Spark session with Hudi for the whole test run."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from lakehouse.spark_session import local_spark

# Property tests draw the same examples on every run, so CI is repeatable; LAKEHOUSE_HYPOTHESIS=explore draws new
# ones each run (to hunt for bugs locally; a failure prints the example to pin).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("LAKEHOUSE_HYPOTHESIS", "repeatable"))


@pytest.fixture(scope="session")
def spark():
    session = local_spark("fhir-lakehouse-tests")
    yield session
    session.stop()
