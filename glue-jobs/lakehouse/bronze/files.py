"""Reading raw files on the executors by their exact path (a name is never a glob or a URI pattern)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from urllib.parse import urlparse

from lakehouse.bronze.listing import RawFile

TARGET_SLICE_BYTES = 32 << 20  # about this much raw input per Spark task
MIN_SLICES = 8  # enough tasks for every core of a small cluster, even for a small batch


def read_bytes(uri: str, s3_client=None) -> bytes:
    """The content of one raw file: `file:<absolute path>` or `s3://bucket/key`. A local path that is not a
    regular file (it changed since the listing, e.g. into a FIFO) is refused instead of blocking on open()."""
    if uri.startswith("s3://"):
        parsed = urlparse(uri)
        client = s3_client or _s3()
        return client.get_object(Bucket=parsed.netloc, Key=parsed.path[1:])["Body"].read()
    path = uri[len("file:") :] if uri.startswith("file:") else uri
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{uri} is no longer a regular file")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


_S3 = None


def _s3():
    global _S3  # one client per executor process
    if _S3 is None:
        import boto3

        _S3 = boto3.client("s3")
    return _S3


def slices(files: list[RawFile], cores: int) -> list[list[RawFile]]:
    """Files packed into slices of about TARGET_SLICE_BYTES (largest first), at least one per core."""
    total = sum(f.size for f in files)
    count = max(MIN_SLICES, cores, min(len(files), total // TARGET_SLICE_BYTES + 1))
    count = min(count, max(1, len(files)))
    bins: list[list[RawFile]] = [[] for _ in range(count)]
    sizes = [0] * count
    for f in sorted(files, key=lambda f: (-f.size, f.uri)):
        i = sizes.index(min(sizes))
        bins[i].append(f)
        sizes[i] += f.size
    return [b for b in bins if b]


def contents(files: Iterable[RawFile]) -> Iterator[tuple[RawFile, bytes]]:
    """Each file with its bytes, read one at a time (a slice never holds more than one file in memory)."""
    for f in files:
        yield f, read_bytes(f.uri)
