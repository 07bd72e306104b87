"""What a run costs as the lake grows: a full run on generated patients (default 10,000), a rerun with no new data,
and a +1% run (1% new patients, plus the generator's change files: later versions of existing patients and
encounters, older versions arriving late, deletes, a duplicate and malformed files), each with its stage timings;
then a --full-refresh of silver and gold from the same bronze, whose exports the incremental lake must equal.

The runs share one Spark session (as a long-lived Glue worker would), so Spark's start-up is not counted; each run
starts and stops its own dynalite audit log on the lake, as `npm run lakehouse` does.

Usage: .venv/bin/python bench/incremental_bench.py [patients]
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jobs.run_local import run_pipeline
from lakehouse.spark_session import local_spark

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("bronze", "silver", "gold", "publish")


def generate(patients: int, folder: Path) -> None:
    command = ["node", str(ROOT / "scripts" / "generate-fhir.js"), "--patients", str(patients), "--seed", "11"]
    subprocess.run([*command, "--changes", "--out", str(folder)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def deliver(paths: list[Path], generated: Path, raw: Path) -> int:
    """Links the files into raw/ (same relative paths); returns how many."""
    for path in paths:
        target = raw / path.relative_to(generated)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(path)
    return len(paths)


def timed(label: str, raw: Path, lake: Path, full_refresh: bool = False) -> float:
    started = time.monotonic()
    stages = run_pipeline(str(raw), str(lake), full_refresh=full_refresh)
    total = time.monotonic() - started
    bronze = stages["bronze"]
    parts = "  ".join(f"{s} {stages[s]['seconds']:6.1f}" for s in STAGES)
    print(
        f"{label:<14} {total:7.1f} s   {parts}   files {bronze['files_ingested']:>6}, "
        f"resources {bronze['records_written']:>7}, quarantined {bronze['records_quarantined']}"
    )
    return total


def exports_equal(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.glob("*.csv"))
    return names == sorted(p.name for p in b.glob("*.csv")) and all(
        filecmp.cmp(a / n, b / n, shallow=False) for n in names
    )


def main() -> None:
    patients = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    added = max(1, patients // 100)
    spark = local_spark("incremental-bench")
    with tempfile.TemporaryDirectory() as tmp:
        generated, raw, lake = Path(tmp) / "generated", Path(tmp) / "raw", Path(tmp) / "lake"
        generate(patients + added, generated)
        first = {generated / "organizations.json"} | {generated / f"patient-{i:07d}.json" for i in range(patients)}
        later = sorted(p for p in generated.rglob("*") if p.is_file() and p not in first and p.name[0] not in "_.")
        deliver(sorted(first), generated, raw)
        print(f"{patients} patients, then {added} more and {len(later) - added} change files\n")
        full = timed("full run", raw, lake)
        noop = timed("no new data", raw, lake)
        deliver(later, generated, raw)
        plus = timed("+1% data", raw, lake)
        shutil.copytree(lake / "export", Path(tmp) / "incremental-export")
        timed("full refresh", raw, lake, full_refresh=True)
        equal = exports_equal(Path(tmp) / "incremental-export", lake / "export")
    spark.stop()
    print(f"\nno new data: {noop / full:.1%} of the full run (target <= 10%)")
    print(f"+1% data:    {plus / full:.1%} of the full run (target <= 15%)")
    print(f"incremental exports equal the full refresh's: {equal}")
    if not equal:
        raise SystemExit("incremental bench: the incremental lake differs from a full refresh")


if __name__ == "__main__":
    main()
