"""The DynamoDB audit log: one item per raw file, so a file is ingested once per content version."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from lakehouse.bronze.listing import RawFile
from lakehouse.fhir_types import format_utc

BATCH_GET_LIMIT = 100  # DynamoDB BatchGetItem keys per call
BATCH_WRITE_LIMIT = 25  # DynamoDB BatchWriteItem items per call


@dataclass(frozen=True)
class FileCounts:
    """What one file yielded: read = written + quarantined."""

    read: int
    written: int
    quarantined: int


def _backoff(unprocessed: object) -> None:
    """DynamoDB returns unprocessed work when throttled: wait a little before sending it again."""
    if unprocessed:
        time.sleep(0.2)


class AuditLog:
    """Reads and writes the audit table (partition key `file_key`) through a boto3 DynamoDB client."""

    def __init__(self, table: str, client, ttl_days: int = 365):
        self.table, self.client, self.ttl_days = table, client, ttl_days

    def create_table_if_missing(self) -> None:
        """Local runs only: on AWS the table is declared by Pulumi (components/audit)."""
        if self.table in self._table_names():
            return
        self.client.create_table(
            TableName=self.table,
            KeySchema=[{"AttributeName": "file_key", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "file_key", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        self.client.get_waiter("table_exists").wait(TableName=self.table)

    def _table_names(self) -> set[str]:
        names: set[str] = set()
        for page in self.client.get_paginator("list_tables").paginate():
            names.update(page["TableNames"])
        return names

    def pending(self, files: list[RawFile]) -> tuple[list[RawFile], list[RawFile]]:
        """(to ingest, to skip): a file is skipped when recorded done with the same etag."""
        done = {item["file_key"]["S"]: item["etag"]["S"] for item in self._done_items([f.uri for f in files])}
        todo, skip = [], []
        for f in files:
            (skip if done.get(f.uri) == f.etag else todo).append(f)
        return todo, skip

    def _done_items(self, keys: list[str]) -> Iterator[dict]:
        for start in range(0, len(keys), BATCH_GET_LIMIT):
            request = {
                self.table: {
                    "Keys": [{"file_key": {"S": k}} for k in keys[start : start + BATCH_GET_LIMIT]],
                    "ProjectionExpression": "file_key, etag, #s",
                    "ExpressionAttributeNames": {"#s": "status"},
                }
            }
            while request:
                reply = self.client.batch_get_item(RequestItems=request)
                for item in reply["Responses"].get(self.table, []):
                    if item.get("status", {}).get("S") == "done":
                        yield item
                request = reply.get("UnprocessedKeys") or None
                _backoff(request)

    def mark_in_progress(self, files: list[RawFile], run_id: str, now: datetime) -> None:
        """Records that `run_id` started on these files; a crash leaves them in_progress, so they are retried."""
        self._put_all(self._item(f, "in_progress", run_id, now) for f in files)

    def mark_done(self, files: list[RawFile], counts: dict[str, FileCounts], run_id: str, now: datetime) -> None:
        """Records each file as done with its counts; only called after every table write committed."""
        items = []
        for f in files:
            item = self._item(f, "done", run_id, now)
            c = counts.get(f.uri, FileCounts(0, 0, 0))
            item.update(
                records_read={"N": str(c.read)},
                records_written={"N": str(c.written)},
                records_quarantined={"N": str(c.quarantined)},
                finished_at={"S": format_utc(now)},
            )
            items.append(item)
        self._put_all(items)

    def _item(self, f: RawFile, status: str, run_id: str, now: datetime) -> dict:
        expires = int((now + timedelta(days=self.ttl_days)).timestamp())
        return {
            "file_key": {"S": f.uri},
            "etag": {"S": f.etag},
            "size": {"N": str(f.size)},
            "status": {"S": status},
            "run_id": {"S": run_id},
            "updated_at": {"S": format_utc(now)},
            "expires_at": {"N": str(expires)},
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
        """Every item, page by page (a table of many files is larger than one 1 MB scan page)."""
        for page in self.client.get_paginator("scan").paginate(TableName=self.table):
            yield from page["Items"]
