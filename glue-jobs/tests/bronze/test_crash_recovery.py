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
from lakehouse.bronze.job import table_path
from lakehouse.local.audit_server import dynamodb_client, moto_server
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


def test_a_run_killed_mid_write_then_rerun_leaves_exact_counts(spark, tmp_path, endpoint):
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
    while (
        not glob.glob(str(bronze / "*" / ".hoodie" / "*.commit"))
        and time.monotonic() < deadline
        and victim.poll() is None
    ):
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    assert victim.wait() == -signal.SIGKILL, "the run ended before it could be killed mid-write"
    written = {p.split("/")[-3] for p in glob.glob(str(bronze / "*" / ".hoodie" / "*.commit"))}
    assert written and written != {t.lower() for t in TYPES}, "the kill must land between table commits"

    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Identical versions (the same Organization in every file) are one row: 3 distinct Organizations.
    expected = {"Patient": FILES, "Encounter": FILES, "Condition": FILES, "Organization": 3}
    for rtype, versions in expected.items():
        frame = spark.read.format("hudi").load(table_path(str(bronze), rtype))
        assert frame.count() == versions, rtype
    items = list(AuditLog(table, dynamodb_client(endpoint)).scan())
    assert len(items) == FILES and all(i["status"]["S"] == "done" for i in items)
    assert sum(int(i["records_written"]["N"]) for i in items) == FILES * len(TYPES)
