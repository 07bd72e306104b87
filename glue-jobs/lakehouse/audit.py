"""The DynamoDB audit log: one item per raw file (ingested once per content version) and one per job run.

The key design is the shared contract lakehouse/data/audit_table.json (components/audit declares the same table).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from lakehouse.contracts import contract
from lakehouse.fhir_types import format_utc

BATCH_GET_LIMIT = 100  # DynamoDB BatchGetItem keys per call
BATCH_WRITE_LIMIT = 25  # DynamoDB BatchWriteItem items per call


@dataclass(frozen=True)
class FileCounts:
    """What one file yielded: read = written + quarantined."""

    read: int
    written: int
    quarantined: int


@dataclass(frozen=True)
class FileRecord:
    """What the audit log holds of one raw file."""

    uri: str
    etag: str
    status: str
    run_id: str


def _backoff(unprocessed: object) -> None:
    """DynamoDB returns unprocessed work when throttled: wait a little before sending it again."""
    if unprocessed:
        time.sleep(0.2)


def _key(kind: str, **values: str) -> dict:
    spec, design = contract("audit_table")["items"][kind], contract("audit_table")
    return {
        design["partitionKey"]: {"S": spec["pk"].format(**values)},
        design["sortKey"]: {"S": spec["sk"].format(**values)},
    }


def _day_key(kind: str, moment: datetime) -> dict:
    index = contract("audit_table")["dayIndex"]
    day = format_utc(moment)[:10]
    return {
        index["partitionKey"]: {"S": contract("audit_table")["items"][kind]["day_key"].format(day=day)},
        index["sortKey"]: {"S": format_utc(moment)},
    }


class AuditLog:
    """Reads and writes the audit table through a boto3 DynamoDB client; items expire after ttl_days."""

    def __init__(self, table: str, client, ttl_days: int = 365):
        self.table, self.client, self.ttl_days = table, client, ttl_days

    def create_table_if_missing(self) -> None:
        """Local runs only: on AWS the table is declared by Pulumi (components/audit)."""
        if self.table in self._table_names():
            return
        design = contract("audit_table")
        index = design["dayIndex"]
        names = [design["partitionKey"], design["sortKey"], index["partitionKey"], index["sortKey"]]
        self.client.create_table(
            TableName=self.table,
            KeySchema=[
                {"AttributeName": design["partitionKey"], "KeyType": "HASH"},
                {"AttributeName": design["sortKey"], "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in names],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": index["name"],
                    "KeySchema": [
                        {"AttributeName": index["partitionKey"], "KeyType": "HASH"},
                        {"AttributeName": index["sortKey"], "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        self.client.get_waiter("table_exists").wait(TableName=self.table, WaiterConfig={"Delay": 1})

    def _table_names(self) -> set[str]:
        names: set[str] = set()
        for page in self.client.get_paginator("list_tables").paginate():
            names.update(page["TableNames"])
        return names

    def file_records(self, uris: list[str]) -> dict[str, FileRecord]:
        """The audit log's record of each of these files that it knows, by uri."""
        found: dict[str, FileRecord] = {}
        for start in range(0, len(uris), BATCH_GET_LIMIT):
            keys = [_key("file", uri=u) for u in uris[start : start + BATCH_GET_LIMIT]]
            request = {
                self.table: {
                    "Keys": keys,
                    "ProjectionExpression": "#u, etag, #s, run_id",
                    "ExpressionAttributeNames": {"#s": "status", "#u": "uri"},
                }
            }
            while request:
                reply = self.client.batch_get_item(RequestItems=request)
                for item in reply["Responses"].get(self.table, []):
                    record = FileRecord(item["uri"]["S"], item["etag"]["S"], item["status"]["S"], item["run_id"]["S"])
                    found[record.uri] = record
                request = reply.get("UnprocessedKeys") or None
                _backoff(request)
        return found

    def mark_in_progress(self, files: Iterable, run_id: str, now: datetime) -> None:
        """Records that `run_id` started on these files; a crash leaves them in_progress, so they are retried."""
        self._put_all(self._file_item(f, "in_progress", run_id, now) for f in files)

    def mark_done(self, files: Iterable, counts: dict[str, FileCounts], run_id: str, now: datetime) -> None:
        """Records each file as done with its counts; only called after every table write committed."""
        items = []
        for f in files:
            item = self._file_item(f, "done", run_id, now)
            c = counts.get(f.uri, FileCounts(0, 0, 0))
            item.update(
                records_read={"N": str(c.read)},
                records_written={"N": str(c.written)},
                records_quarantined={"N": str(c.quarantined)},
                finished_at={"S": format_utc(now)},
            )
            items.append(item)
        self._put_all(items)

    def record_run(self, job: str, run_id: str, started: datetime, status: str, counts: dict[str, float]) -> None:
        """Writes (or rewrites) the item of one job run: its state and its counts (no patient data)."""
        item = {
            **_key("run", job=job, started_at=format_utc(started), run_id=run_id),
            **_day_key("run", started),
            "job": {"S": job},
            "run_id": {"S": run_id},
            "status": {"S": status},
            contract("audit_table")["ttlAttribute"]: {"N": str(self._expires(started))},
        }
        item.update({name: {"N": str(value)} for name, value in counts.items()})
        self._put_all([item])

    def runs(self, job: str, limit: int = 20) -> Iterator[dict]:
        """The newest runs of a job first (a Query on its partition, never a Scan)."""
        design = contract("audit_table")
        pk = contract("audit_table")["items"]["run"]["pk"].format(job=job)
        pages = self.client.get_paginator("query").paginate(
            TableName=self.table,
            KeyConditionExpression="#pk = :pk",
            ExpressionAttributeNames={"#pk": design["partitionKey"]},
            ExpressionAttributeValues={":pk": {"S": pk}},
            ScanIndexForward=False,
            PaginationConfig={"MaxItems": limit, "PageSize": min(limit, 100)},
        )
        for page in pages:
            yield from page["Items"]

    def _expires(self, now: datetime) -> int:
        return int((now + timedelta(days=self.ttl_days)).timestamp())

    def _file_item(self, f, status: str, run_id: str, now: datetime) -> dict:
        return {
            **_key("file", uri=f.uri),
            **_day_key("file", now),
            "uri": {"S": f.uri},
            "etag": {"S": f.etag},
            "size": {"N": str(f.size)},
            "status": {"S": status},
            "run_id": {"S": run_id},
            "updated_at": {"S": format_utc(now)},
            contract("audit_table")["ttlAttribute"]: {"N": str(self._expires(now))},
        }

    def _put_all(self, items: Iterable[dict]) -> None:
        batch: list[dict] = []
        for item in items:
            batch.append({"PutRequest": {"Item": item}})
            if len(batch) == BATCH_WRITE_LIMIT:
                self._write(batch)
                batch = []
        if batch:
            self._write(batch)

    def _write(self, batch: list[dict]) -> None:
        request = {self.table: batch}
        while request:
            reply = self.client.batch_write_item(RequestItems=request)
            request = reply.get("UnprocessedItems") or None
            _backoff(request)

    def scan(self) -> Iterator[dict]:
        """Every item, page by page: for tests and small local lakes only (status uses Query)."""
        for page in self.client.get_paginator("scan").paginate(TableName=self.table):
            yield from page["Items"]
