"""CloudWatch metrics the alerting component alarms on (AWS runs only): counts and seconds, never patient data.

Names, namespace and the dimension come from lakehouse/data/metrics.json, which components/alerting reads too.
"""

from __future__ import annotations

from lakehouse.contracts import contract, metric_name

# Summary field -> metric kind in metrics.json; a summary without a field publishes no metric for it.
SUMMARY_METRICS = {
    "records_quarantined": "quarantined",
    "records_read": "read",
    "records_written": "written",
    "seconds": "seconds",
}


def run_metrics(summary: object) -> dict[str, float]:
    """{metric name: value} of a job summary's published fields."""
    return {
        metric_name(kind): float(getattr(summary, field))
        for field, kind in SUMMARY_METRICS.items()
        if hasattr(summary, field)
    }


def publish_run_metrics(namespace: str, job: str, summary: object, client=None) -> dict[str, float]:
    """Puts the summary's metrics with the job dimension (the Glue job name, unique per stack); returns them."""
    if client is None:
        import boto3

        client = boto3.client("cloudwatch")
    values = run_metrics(summary)
    dimension = contract("metrics")["jobDimension"]
    client.put_metric_data(
        Namespace=namespace,
        MetricData=[
            {
                "MetricName": name,
                "Dimensions": [{"Name": dimension, "Value": job}],
                "Value": value,
                "Unit": "Seconds" if name == metric_name("seconds") else "Count",
            }
            for name, value in values.items()
        ],
    )
    return values
