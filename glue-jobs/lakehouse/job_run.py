"""What every Glue entrypoint does around its job: arguments from the shared contract, the audit log, the summary
line and the CloudWatch metrics. The entrypoints' RunRecorder writes the run record (running, then succeeded or
failed)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from lakehouse.audit import AuditLog
from lakehouse.aws_clients import dynamodb_client
from lakehouse.contracts import job_argument_names
from lakehouse.metrics import publish_run_metrics
from lakehouse.runtime import job_arguments
from lakehouse.summary import emit

GLUE_ARGUMENTS = ["JOB_NAME"]  # Glue's own, passed to every run
TRUE = {"true", "1", "yes"}


@dataclass(frozen=True)
class JobRun:
    """One run of a job: its arguments, id, start time and audit log (None when no audit table is given)."""

    job: str
    args: dict[str, str | None]
    run_id: str
    now: datetime
    audit: AuditLog | None

    def flag(self, name: str) -> bool:
        """A boolean argument (`--full_refresh true`); absent is false."""
        return (self.args.get(name) or "").strip().lower() in TRUE

    def finish(self, summary: object) -> None:
        """Prints the summary line and, when given a namespace, publishes the run's metrics."""
        emit(self.job, summary)
        if self.args.get("metrics_namespace"):
            # The Glue job name (unique per stack) is the dimension the stack's alarms watch.
            publish_run_metrics(self.args["metrics_namespace"], self.args.get("JOB_NAME") or self.job, summary)


def start_run(job: str, argv: list[str]) -> JobRun:
    """Parses the job's arguments (lakehouse/data/job_arguments.json) and opens its audit log."""
    required, optional = job_argument_names(job)
    args = job_arguments(argv, required, optional + GLUE_ARGUMENTS)
    audit = None
    if args.get("audit_table"):
        client = dynamodb_client(args.get("audit_endpoint_url"))
        audit = AuditLog(args["audit_table"], client, int(args.get("audit_ttl_days") or 365))
        if args.get("audit_endpoint_url"):
            audit.create_table_if_missing()  # a local stand-in starts empty; on AWS Pulumi owns the table
    run_id = args.get("run_id") or f"{job}-{uuid.uuid4()}"
    return JobRun(job, args, run_id, datetime.now(UTC), audit)
