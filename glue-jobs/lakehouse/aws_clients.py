"""boto3 clients for the real services, or for a local stand-in on 127.0.0.1 when given its endpoint."""

from __future__ import annotations

import boto3

LOCAL_REGION = "us-east-1"
# Local stand-ins accept any credentials; fixed dummy ones keep a developer's real AWS profile out of local runs.
LOCAL_CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}


def dynamodb_client(endpoint_url: str | None = None):
    """A DynamoDB client: the real service when endpoint_url is None, else the local stand-in at that URL."""
    if endpoint_url is None:
        return boto3.client("dynamodb")
    return boto3.client("dynamodb", endpoint_url=endpoint_url, region_name=LOCAL_REGION, **LOCAL_CREDENTIALS)
