"""Lists the raw zone: every data file with a content fingerprint (S3 ETag, or SHA-256 locally)."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections import Counter
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


def list_raw_files(raw_path: str, s3_client=None, skipped: Counter | None = None) -> list[RawFile]:
    """Every data file under `raw_path` (a local folder or s3://bucket/prefix), sorted by uri. Locally, only
    regular files are data (a symlink to one is followed once); every other entry is left out and counted in
    `skipped` by reason (a reason never holds a name: names can carry patient data)."""
    if raw_path.startswith("s3://"):
        return _list_s3(raw_path, s3_client)
    return _list_local(raw_path, skipped if skipped is not None else Counter())


def _list_local(folder: str, skipped: Counter) -> list[RawFile]:
    root = os.path.abspath(folder)
    if not os.path.isdir(root):
        raise FileNotFoundError(f"raw path {folder} is not a folder")
    found = []
    # os.walk never follows a symlinked folder, so a symlink loop cannot make it walk forever.
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if is_data_file(d))
        for name in sorted(filenames):
            if not is_data_file(name):
                continue
            path = os.path.join(dirpath, name)
            entry, problem = _regular_file(path)
            if problem:
                skipped[problem] += 1
            else:
                found.append(entry)
    return sorted(found, key=lambda f: f.uri)


def _regular_file(path: str) -> tuple[RawFile | None, str | None]:
    """The file at `path` when it is (or links once to) a regular file, else (None, why it is not data)."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = os.readlink(path)
            if os.path.islink(os.path.join(os.path.dirname(path), target)):
                return None, "a symlink to a symlink (followed once only)"
            info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None, "not a regular file (a folder link, FIFO, socket or device)"
        return RawFile(f"file:{path}", info.st_size, _sha256(path)), None
    except FileNotFoundError:
        return None, "a dangling symlink, or removed while listed"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return None, "a symlink loop"
        return None, f"unreadable ({errno.errorcode.get(err.errno or 0, 'OS error')})"


def _sha256(path: str) -> str:
    # O_NONBLOCK: if the entry turned into a FIFO since it was checked, open() returns instead of waiting.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "no longer a regular file")
        digest = hashlib.sha256()
        while block := os.read(fd, 1 << 20):
            digest.update(block)
        return digest.hexdigest()
    finally:
        os.close(fd)


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
