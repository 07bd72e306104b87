"""Job runs recorded in the audit log (state and counts, never patient data), for `npm run status`."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from lakehouse.audit import AuditLog

# Summary fields recorded with a run, when the job's summary has them.
RUN_COUNTS = (
    "files_listed",
    "files_skipped",
    "entries_not_read",
    "files_ingested",
    "files_recovered",
    "records_read",
    "records_written",
    "records_quarantined",
    "resources_changed",
    "kpi_rows",
    "prevalence_rows",
    "patients_recomputed",
    "seconds",
)


def run_counts(summary: object) -> dict[str, float]:
    """The numeric fields of a job summary that a run item records."""
    values = dataclasses.asdict(summary)
    return {k: round(float(values[k]), 3) for k in RUN_COUNTS if k in values}


class RunRecorder:
    """Records a run as running, then succeeded (with its counts) or failed, under its start time."""

    def __init__(self, audit: AuditLog | None, job: str, run_id: str):
        self.audit, self.job, self.run_id = audit, job, run_id
        self.started = datetime.now(UTC)

    def __enter__(self) -> RunRecorder:
        if self.audit is not None:
            self.audit.record_run(self.job, self.run_id, self.started, "running", {})
        return self

    def succeeded(self, summary: object) -> None:
        if self.audit is not None:
            self.audit.record_run(self.job, self.run_id, self.started, "succeeded", run_counts(summary))

    def __exit__(self, kind, error, trace) -> None:
        if kind is not None and self.audit is not None:
            self.audit.record_run(self.job, self.run_id, self.started, "failed", {})
