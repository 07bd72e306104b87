"""The local audit log's DynamoDB: dynalite (an open-source DynamoDB API server on LevelDB, from npm), started on
127.0.0.1 with its data kept in a folder, so a later run sees what an earlier one ingested.

Why not Amazon's DynamoDB Local: it ships under Amazon's own licence terms, not an open-source licence, which an
Apache-2.0 product should not make every user download. dynalite speaks the same API for what the audit log uses
(tables with a global secondary index, BatchGet/BatchWrite, Query with pagination).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lakehouse.local.ports import free_port, wait_until_listening

REPO = Path(__file__).resolve().parents[3]
EXIT_WITH_PARENT = REPO / "scripts" / "exit-with-parent.cjs"


def dynalite_command() -> list[str]:
    """node and dynalite's CLI from the project's node_modules (installed by `npm ci`), preloaded with a script
    that ends the server when its stdin closes (the starting process ended, however it ended)."""
    cli = Path(os.environ.get("LAKEHOUSE_DYNALITE_CLI", REPO / "node_modules" / "dynalite" / "cli.js"))
    node = shutil.which("node")
    if node is None or not cli.is_file():
        raise FileNotFoundError(f"dynalite needs node and {cli}: run `npm ci` in {REPO}")
    return [node, "--require", str(EXIT_WITH_PARENT), str(cli)]


@contextmanager
def dynalite_server(data_dir: str | None, timeout: float = 30.0) -> Iterator[str]:
    """Starts dynalite on a free loopback port (data in `data_dir`, or in memory when None); yields its URL."""
    port = free_port()
    command = [*dynalite_command(), "--host", "127.0.0.1", "--port", str(port), "--createTableMs", "0"]
    if data_dir is not None:
        os.makedirs(data_dir, exist_ok=True)
        command += ["--path", data_dir]
    # stdin is a pipe only this process holds (Python's pipes are not inherited): closed when it ends.
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_listening(port, process, timeout, "dynalite")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
