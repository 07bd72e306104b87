"""moto in server mode on 127.0.0.1: the DynamoDB stand-in for tests that inject failures (throttling, ...)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lakehouse.local.ports import free_port, wait_until_listening


@contextmanager
def moto_server(timeout: float = 30.0) -> Iterator[str]:
    """Starts moto_server on a free loopback port; yields its endpoint URL; stops it on exit."""
    port = free_port()
    executable = Path(sys.executable).with_name("moto_server")
    command = [str(executable), "-H", "127.0.0.1", "-p", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_listening(port, process, timeout, "moto_server")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
