"""Crash safety, many trials: the kill tests of `npm test` with more trials than its default one.

Runs with LAKEHOUSE_KILL_TRIALS=N (default 10): tests/pipeline/test_kill_silver_gold.py (the silver and gold Glue
entrypoints, each SIGKILLed at a random commit plus a random delay, rerun on the same paths, compared row for row
with a full refresh), tests/pipeline/test_kill_local_runner.py (the local runner killed at a random commit of a new
lake, bronze's first commits included, rerun, compared with an uninterrupted run) and
tests/bronze/test_crash_recovery.py (bronze killed mid-write and after its commit), then prints how many trials
passed. About 4 minutes per silver/gold trial and 75 s per local-runner trial on two cores.

Usage: .venv/bin/python bench/crash_bench.py [trials]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = (
    "tests/pipeline/test_kill_silver_gold.py",
    "tests/pipeline/test_kill_local_runner.py",
    "tests/bronze/test_crash_recovery.py",
)


def main() -> None:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", *TESTS],
        cwd=ROOT / "glue-jobs",
        env={**os.environ, "LAKEHOUSE_KILL_TRIALS": str(trials)},
        capture_output=True,
        text=True,
    )
    outcomes = re.findall(r"^(PASSED|FAILED|ERROR) (\S+)", result.stdout, re.MULTILINE)
    for test in TESTS:
        mine = [status for status, name in outcomes if name.startswith(test)]
        print(f"{test}: {mine.count('PASSED')} of {len(mine)} trials equal the uninterrupted result")
    print(f"{time.monotonic() - started:.0f} s")
    if result.returncode != 0:
        print(result.stdout[-4000:])
        raise SystemExit("crash bench: a trial failed")


if __name__ == "__main__":
    main()
