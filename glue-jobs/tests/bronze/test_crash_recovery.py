"""A bronze run killed with SIGKILL in the middle of its table writes, then rerun, leaves exact counts."""

import glob
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from lakehouse.audit import AuditLog
from lakehouse.aws_clients import dynamodb_client
from lakehouse.bronze.tables import RESOURCES
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.local.audit_server import moto_server
from tests.bronze.corpus import as_bytes, encounter, patient, transaction

ENTRYPOINT = Path(__file__).resolve().parents[2] / "jobs" / "bronze_job.py"
FILES, TYPES = 20, {"Patient", "Encounter", "Condition", "Organization"}


def bundle(i: int) -> bytes:
    pid, eid = f"p{i}", f"e{i}"
    meta = {"meta": {"lastUpdated": "2024-05-01T00:00:00Z"}}
    condition = {
        "resourceType": "Condition",
        "id": f"c{i}",
        "subject": {"reference": f"urn:uuid:{pid}"},
        "encounter": {"reference": f"urn:uuid:{eid}"},
        **meta,
    }
    org = {"resourceType": "Organization", "id": f"o{i % 3}", "name": "Clinic", **meta}  # the same 3 in every file
    return as_bytes(transaction(patient(pid), encounter(eid, f"urn:uuid:{pid}", **meta), condition, org))


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


def hoodie_files(bronze: Path, suffix: str) -> list[str]:
    return glob.glob(str(bronze / RESOURCES.name / ".hoodie" / f"*{suffix}"))


# Where the kill lands: while the resources commit is being written (Hudi rolls it back on the next write and
# the files are ingested again), or once it completed (the files are in_progress in the audit log under a
# committed run: the rerun marks them done from the table's counts, ingesting nothing twice).
KILL_POINTS = {"mid-write": ".inflight", "after-commit": ".commit"}


@pytest.mark.parametrize("point", sorted(KILL_POINTS))
def test_a_run_killed_then_rerun_leaves_exact_counts(spark, tmp_path, endpoint, point):
    raw, bronze = tmp_path / "raw", tmp_path / "bronze"
    raw.mkdir()
    for i in range(FILES):
        (raw / f"b{i:02}.json").write_bytes(bundle(i))
    table = f"audit-{uuid.uuid4().hex[:8]}"
    command = [
        sys.executable,
        str(ENTRYPOINT),
        "--raw_path",
        str(raw),
        "--bronze_path",
        str(bronze),
        "--quarantine_path",
        str(tmp_path / "q"),
    ]
    command += ["--audit_table", table, "--audit_endpoint_url", endpoint]

    victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not hoodie_files(bronze, KILL_POINTS[point]) and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    assert victim.wait() == -signal.SIGKILL, "the run ended before it could be killed"
    audit = AuditLog(table, dynamodb_client(endpoint))
    assert all(i["status"]["S"] != "done" for i in audit.scan() if "uri" in i), "killed before marking done"

    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Bronze keeps every arrival: the same Organization in three files is three rows, each exactly once.
    versions = HudiStore(spark, str(bronze)).read(RESOURCES)
    counts = {r.resource_type: r["count"] for r in versions.groupBy("resource_type").count().collect()}
    assert counts == {t: FILES for t in TYPES}
    assert versions.select("version_key").distinct().count() == FILES * len(TYPES)
    files = [i for i in audit.scan() if "uri" in i]
    assert len(files) == FILES and all(i["status"]["S"] == "done" for i in files)
    assert sum(int(i["records_written"]["N"]) for i in files) == FILES * len(TYPES)
