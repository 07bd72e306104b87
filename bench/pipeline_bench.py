"""Time per stage of the local pipeline, on a fresh lake: on the Synthea sample and on generated patients (default
10,000), or with `--input DIR` on any folder of raw FHIR files, so a user can time a large real sample.

Usage: .venv/bin/python bench/pipeline_bench.py [--patients N] [--input DIR]. Synthea needs ../shared/data (or
SHARED_DATA); without it that half is left out, said so in the output.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from jobs.run_local import run_pipeline
from lakehouse.local.audit_server import moto_server

ROOT = Path(__file__).resolve().parents[1]


def synthea() -> Path:
    return Path(os.environ.get("SHARED_DATA", ROOT.parent / "shared" / "data")) / "synthea-r4"


def generate(patients: int, folder: Path) -> float:
    started = time.monotonic()
    command = ["node", str(ROOT / "scripts" / "generate-fhir.js")]
    subprocess.run(
        [*command, "--patients", str(patients), "--seed", "7", "--out", str(folder)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def report(label: str, stages: dict, extra: dict[str, float]) -> None:
    bronze = stages["bronze"]
    timings = {**extra, **{k: v["seconds"] for k, v in stages.items() if "seconds" in v}}
    print(f"{label}: {bronze['files_ingested']} files, {bronze['records_read']} resources")
    for stage, seconds in timings.items():
        print(f"  {stage:<12} {seconds:8.1f} s")
    print(
        f"  {'total':<12} {sum(timings.values()):8.1f} s   "
        f"({bronze['records_read'] / sum(timings.values()):.0f} resources/s end to end)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--patients", type=int, default=10_000, help="generated patients (default 10,000)")
    parser.add_argument("--input", type=Path, default=None, help="time this folder instead of Synthea + generated")
    args = parser.parse_args()
    with moto_server() as endpoint, tempfile.TemporaryDirectory() as tmp:
        if args.input is not None:
            if not args.input.is_dir():
                raise SystemExit(f"pipeline bench: {args.input} is not a folder")
            report(str(args.input), run_pipeline(str(args.input), f"{tmp}/input", endpoint), {})
            return
        if synthea().is_dir():
            report("synthea-r4 (100 patients)", run_pipeline(str(synthea()), f"{tmp}/synthea", endpoint), {})
        else:
            print(f"synthea sample not found at {synthea()}: that half left out")
        raw = Path(tmp) / "generated-raw"
        generated = generate(args.patients, raw)
        report(
            f"generated ({args.patients} patients)",
            run_pipeline(str(raw), f"{tmp}/generated", endpoint),
            {"generate": generated},
        )


if __name__ == "__main__":
    main()
