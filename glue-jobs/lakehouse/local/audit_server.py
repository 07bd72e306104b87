"""Runs moto in server mode on 127.0.0.1 as the local DynamoDB, and builds clients that talk to it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import boto3

LOCAL_REGION = "us-east-1"
# moto accepts any credentials; fixed dummy ones keep a developer's real AWS profile out of local runs.
LOCAL_CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_listening(port: int, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with code {process.returncode} before listening on port {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"moto_server did not listen on 127.0.0.1:{port} within {timeout}s")


@contextmanager
def moto_server(timeout: float = 30.0) -> Iterator[str]:
    """Starts moto_server on a free loopback port; yields its endpoint URL; stops it on exit."""
    port = free_port()
    executable = Path(sys.executable).with_name("moto_server")
    command = [str(executable), "-H", "127.0.0.1", "-p", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_listening(port, process, timeout)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def dynamodb_client(endpoint_url: str | None):
    """A DynamoDB client: the real service when endpoint_url is None, else the local stand-in."""
    if endpoint_url is None:
        return boto3.client("dynamodb")
    return boto3.client("dynamodb", endpoint_url=endpoint_url, region_name=LOCAL_REGION, **LOCAL_CREDENTIALS)
