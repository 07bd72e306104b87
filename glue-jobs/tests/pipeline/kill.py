"""Killing a job mid-write: start it, wait until a number of its Hudi commits started, wait a little more, SIGKILL."""

from __future__ import annotations

import glob
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def commits_started(folder: Path, depth: int = 1) -> int:
    """Hudi keeps an .inflight file per commit on its active timeline: the count of tables `depth` levels below
    `folder` grows with each write that starts."""
    return len(glob.glob(str(folder.joinpath(*["*"] * depth) / ".hoodie" / "*.inflight")))


def kill_after(command: list[str], started: Callable[[], int], commits: int, delay: float) -> bool:
    """Runs `command` and kills it `delay` s after `started()` grew by `commits`; False when it finished first."""
    start = started()
    victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while started() - start < commits and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(delay)
    if victim.poll() is not None:
        return False
    victim.send_signal(signal.SIGKILL)
    return victim.wait() == -signal.SIGKILL
