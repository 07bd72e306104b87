"""Lists the raw zone: every data file with a content fingerprint (S3 ETag, or SHA-256 locally)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from urllib.parse import urlparse

from lakehouse.contracts import contract


@dataclass(frozen=True)
class RawFile:
    """One raw object. `uri` is written exactly as Spark's binaryFile reader reports the path."""

    uri: str
    size: int
    etag: str


def is_data_file(relative: str) -> bool:
    """A path below the raw root is data unless a segment starts with an ignored prefix (data/data_files.json)."""
    ignored = tuple(contract("data_files")["ignoredPrefixes"])
    segments = relative.split("/")
    return bool(segments[-1]) and not any(s.startswith(ignored) for s in segments if s)


def list_raw_files(raw_path: str, s3_client=None) -> list[RawFile]:
    """Every data file under `raw_path` (a local folder or s3://bucket/prefix), sorted by uri."""
    if raw_path.startswith("s3://"):
        return _list_s3(raw_path, s3_client)
    return _list_local(raw_path)


def _list_local(folder: str) -> list[RawFile]:
    root = os.path.abspath(folder)
    if not os.path.isdir(root):
        raise FileNotFoundError(f"raw path {folder} is not a folder")
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if is_data_file(d))
        for name in sorted(filenames):
            if is_data_file(name):
                path = os.path.join(dirpath, name)
                found.append(RawFile(f"file:{path}", os.stat(path).st_size, _sha256(path)))
    return sorted(found, key=lambda f: f.uri)


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _list_s3(raw_path: str, s3_client) -> list[RawFile]:
    if s3_client is None:
        import boto3

        s3_client = boto3.client("s3")
    parsed = urlparse(raw_path)
    bucket, prefix = parsed.netloc, parsed.path.lstrip("/")
    found = []
    # A paginator: the raw zone holds far more than one page (1,000 keys) of files.
    for page in s3_client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            key = obj["Key"]
            if is_data_file(key[len(prefix) :]):
                found.append(RawFile(f"s3://{bucket}/{key}", obj["Size"], obj["ETag"].strip('"')))
    return sorted(found, key=lambda f: f.uri)
