"""CloudWatch metrics the alerting component alarms on (AWS runs only)."""

from __future__ import annotations


def publish_quarantine_metric(namespace: str, job: str, quarantined: int, client=None) -> None:
    """Puts QuarantinedRecords (a count, no patient data) with a Job dimension; the data-quality alarm reads it."""
    if client is None:
        import boto3

        client = boto3.client("cloudwatch")
    client.put_metric_data(
        Namespace=namespace,
        MetricData=[
            {
                "MetricName": "QuarantinedRecords",
                "Dimensions": [{"Name": "Job", "Value": job}],
                "Value": float(quarantined),
                "Unit": "Count",
            }
        ],
    )
