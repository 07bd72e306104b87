"""The local pipeline on one Spark session: bronze, silver, gold and the published views, into a persistent lake
folder with its audit log (dynalite) inside it. A later run over the same lake takes only what is new."""

from __future__ import annotations

import dataclasses
import os
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from pyspark.sql import SparkSession

from lakehouse.audit import AuditLog
from lakehouse.aws_clients import dynamodb_client
from lakehouse.bronze.job import BronzeStores, run_bronze
from lakehouse.contracts import contract
from lakehouse.gold.job import GoldRun, run_gold
from lakehouse.lake.hudi_store import HudiStore
from lakehouse.runs import RunRecorder
from lakehouse.silver.job import SilverRun, run_silver
from lakehouse.summary import emit

AUDIT_TABLE = contract("audit_table")["localTableName"]  # shared with `npm run status`
ZONES = ("bronze", "silver", "gold", "quarantine")
AUDIT_DIR = ".audit"  # dynalite's LevelDB files inside the lake


@dataclass(frozen=True)
class LocalLake:
    """A lake folder: one sub-folder per zone, the audit log's data, the exports."""

    root: str

    def zone(self, name: str) -> str:
        return os.path.join(self.root, name)

    @property
    def audit_dir(self) -> str:
        return os.path.join(self.root, AUDIT_DIR)


def run_stages(spark: SparkSession, raw: str, lake: LocalLake, audit_endpoint: str, full_refresh: bool) -> dict:
    """Bronze, silver, gold and publish; returns {stage: summary dict} with seconds per stage."""
    audit = AuditLog(AUDIT_TABLE, dynamodb_client(audit_endpoint))
    audit.create_table_if_missing()
    stores = {z: HudiStore(spark, lake.zone(z)) for z in ZONES}
    now, run_id = datetime.now(UTC), f"local-{uuid.uuid4()}"
    stages: dict[str, dict] = {}
    with RunRecorder(audit, "bronze", run_id) as record:
        bronze = run_bronze(spark, raw, BronzeStores(stores["bronze"], stores["quarantine"]), audit, run_id, now)
        record.succeeded(bronze)
    emit("bronze", bronze)
    with RunRecorder(audit, "silver", run_id) as record:
        silver = run_silver(SilverRun(stores["bronze"], stores["silver"], now, full_refresh))
        record.succeeded(silver)
    emit("silver", silver)
    with RunRecorder(audit, "gold", run_id) as record:
        gold = run_gold(GoldRun(stores["silver"], stores["gold"], now, full_refresh=full_refresh))
        record.succeeded(gold)
    emit("gold", gold)
    stages.update({k: dataclasses.asdict(v) for k, v in (("bronze", bronze), ("silver", silver), ("gold", gold))})
    stages["publish"] = publish(spark, lake)
    return stages


def publish(spark: SparkSession, lake: LocalLake) -> dict:
    """Runs the Athena views over gold and writes the exports (lakehouse.publish)."""
    from lakehouse.publish.local import publish_gold

    started = time.monotonic()
    files = publish_gold(spark, lake.zone("gold"), lake.root)
    return {"files": files, "seconds": time.monotonic() - started}
