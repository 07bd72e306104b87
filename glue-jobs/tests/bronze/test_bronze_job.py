"""The bronze job on real local Spark + Hudi, with the audit log in moto's DynamoDB on 127.0.0.1."""

import gzip
import json
import os
import uuid
from datetime import UTC, datetime

import pytest

from lakehouse.audit import AuditLog
from lakehouse.aws_clients import dynamodb_client
from lakehouse.bronze.job import BronzeStores, run_bronze
from lakehouse.bronze.tables import QUARANTINE, RESOURCES
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.lake.timeline import completed_instants
from lakehouse.local.audit_server import moto_server
from tests.bronze.corpus import BAD_CORPUS, as_bytes, encounter, ndjson, patient, transaction

NOW = datetime(2024, 8, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


class Lake:
    """A raw folder, the bronze and quarantine stores, and the audit log of one test."""

    def __init__(self, spark, root, audit):
        self.raw, self.audit = str(root / "raw"), audit
        self.bronze_root = str(root / "bronze")
        self.stores = BronzeStores(HudiStore(spark, self.bronze_root), HudiStore(spark, str(root / "quarantine")))
        os.makedirs(self.raw)

    def run(self, spark, run_id):
        return run_bronze(spark, self.raw, self.stores, self.audit, run_id, NOW)

    def versions(self, rtype):
        return self.stores.bronze.read(RESOURCES).where(f"resource_type = '{rtype}'")


@pytest.fixture
def lake(spark, tmp_path, endpoint):
    audit = AuditLog(f"audit-{uuid.uuid4().hex[:8]}", dynamodb_client(endpoint))
    audit.create_table_if_missing()
    return Lake(spark, tmp_path, audit)


def write(folder: str, name: str, content: bytes) -> None:
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(content)


def test_bundle_ndjson_and_gz_inputs_land_in_one_table_per_type(spark, lake):
    write(lake.raw, "a/bundle.json", as_bytes(transaction(patient("p1"), encounter("e1", "urn:uuid:p1"))))
    write(lake.raw, "b/Patient.ndjson.gz", gzip.compress(ndjson(patient("p2"), patient("p3"))))
    write(lake.raw, "b/Encounter.ndjson", ndjson(encounter("e2", "Patient/p2")))
    write(lake.raw, "_manifest.json", b'{"not": "data"}')
    summary = lake.run(spark, "run-1")
    assert (summary.files_listed, summary.files_ingested, summary.records_read) == (3, 3, 5)
    assert summary.written_by_type == {"Encounter": 2, "Patient": 3}
    patients = lake.versions("Patient")
    assert sorted(r.id for r in patients.select("id").collect()) == ["p1", "p2", "p3"]
    e1 = lake.versions("Encounter").where("id = 'e1'").first()
    assert json.loads(e1.resolved_json)["subject"]["reference"] == "Patient/p1"
    assert json.loads(e1.json)["subject"]["reference"] == "urn:uuid:p1"
    assert e1.source_file.endswith("a/bundle.json") and e1.ingested_at == "2024-08-01T09:30:00.000000Z"


def test_a_rerun_ingests_nothing_and_a_changed_file_is_ingested_again(spark, lake):
    write(lake.raw, "p.json", as_bytes(patient("p1", last_updated="2024-01-01T00:00:00Z")))
    lake.run(spark, "run-1")
    commits_before = completed_instants(spark, lake.stores.bronze.path(RESOURCES))
    again = lake.run(spark, "run-2")
    assert (again.files_skipped, again.files_ingested, again.records_read) == (1, 0, 0)
    assert completed_instants(spark, lake.stores.bronze.path(RESOURCES)) == commits_before
    write(lake.raw, "p.json", as_bytes(patient("p1", last_updated="2024-02-01T00:00:00Z")))
    changed = lake.run(spark, "run-3")
    assert changed.files_ingested == 1
    versions = lake.versions("Patient").select("last_updated").collect()
    assert sorted(v.last_updated for v in versions) == ["2024-01-01T00:00:00.000000Z", "2024-02-01T00:00:00.000000Z"]


def test_the_bad_input_corpus_is_quarantined_with_reasons_and_counts_are_conserved(spark, lake):
    for name, content, _, _ in BAD_CORPUS.values():
        write(lake.raw, f"bad/{name}", content)
    write(lake.raw, "good.json", as_bytes(transaction(patient("ok1"), {"resourceType": "Patient"}, patient("ok2"))))
    summary = lake.run(spark, "run-1")
    assert summary.records_read == summary.records_written + summary.records_quarantined
    assert (summary.records_written, summary.records_quarantined) == (2, len(BAD_CORPUS) + 1)
    quarantine = lake.stores.quarantine.read(QUARANTINE)
    reasons = {r.source_file.rsplit("/", 1)[-1]: r.reason for r in quarantine.collect()}
    for name, _, reason, _ in BAD_CORPUS.values():
        assert reason in reasons[name]
    items = {i["uri"]["S"].rsplit("/", 1)[-1]: i for i in lake.audit.scan() if "uri" in i}
    assert items["good.json"]["records_quarantined"]["N"] == "1" and items["good.json"]["status"]["S"] == "done"
    assert all(
        int(i["records_read"]["N"]) == int(i["records_written"]["N"]) + int(i["records_quarantined"]["N"])
        for i in items.values()
    )
