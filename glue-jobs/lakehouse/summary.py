"""Job summaries as one JSON line on stdout: counts and timings only, never patient data."""

from __future__ import annotations

import dataclasses
import json
import sys


def emit(job: str, summary: object) -> None:
    """Prints `{"job": ..., **summary}` as one line, for the local runner and CloudWatch logs alike."""
    payload = {"job": job, **dataclasses.asdict(summary)}
    print(json.dumps(payload, sort_keys=True), file=sys.stdout, flush=True)
