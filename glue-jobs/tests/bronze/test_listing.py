"""Which raw objects bronze reads: the data-file rule of lakehouse/data/data_files.json, locally and on S3."""

from __future__ import annotations

import os
from collections import Counter

import boto3
import pytest
from moto.server import ThreadedMotoServer

from lakehouse.bronze.files import read_bytes
from lakehouse.bronze.listing import is_data_file, list_raw_files

PATHS = {
    "a.ndjson": True,
    "2026/12/06/b.json.gz": True,
    "d/x_y.json": True,
    "_manifest.json": False,
    "x/_manifest.json": False,
    ".hidden": False,
    "_temporary/0/part.json": False,
    "x/.staging/part.ndjson": False,
}


@pytest.mark.parametrize(("relative", "expected"), PATHS.items())
def test_a_path_is_data_unless_a_segment_starts_with_an_ignored_prefix(relative, expected):
    assert is_data_file(relative) is expected


def test_local_and_s3_listings_apply_the_same_rule(tmp_path):
    raw = tmp_path / "raw"
    for relative in PATHS:
        (raw / relative).parent.mkdir(parents=True, exist_ok=True)
        (raw / relative).write_bytes(b"{}\n")
    expected = sorted(p for p, data in PATHS.items() if data)
    local = [f.uri.removeprefix(f"file:{raw}/") for f in list_raw_files(str(raw))]
    assert local == expected

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    try:
        host, port = server.get_host_and_port()
        s3 = boto3.client(
            "s3",
            endpoint_url=f"http://{host}:{port}",
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        s3.create_bucket(Bucket="raw")
        for relative in PATHS:
            s3.put_object(Bucket="raw", Key=f"fhir/{relative}", Body=b"{}\n")
        s3.put_object(Bucket="raw", Key="fhir/folder/", Body=b"")
        s3.put_object(Bucket="raw", Key="_fhir-sibling/a.json", Body=b"{}\n")
        listed = [f.uri.removeprefix("s3://raw/fhir/") for f in list_raw_files("s3://raw/fhir/", s3)]
        assert listed == expected
    finally:
        server.stop()


def test_only_regular_files_are_listed_and_every_other_entry_is_counted_without_its_name(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.json").write_bytes(b"{}")
    (raw / "link-to-a.json").symlink_to(raw / "a.json")  # followed once
    (raw / "link-to-link.json").symlink_to(raw / "link-to-a.json")  # a second hop: not followed
    (raw / "dangling.json").symlink_to(raw / "gone.json")
    (raw / "loop1.json").symlink_to(raw / "loop2.json")
    (raw / "loop2.json").symlink_to(raw / "loop1.json")
    os.mkfifo(raw / "fifo.ndjson")  # opening it for reading would block forever
    (raw / "sub").mkdir()
    (raw / "folder-link").symlink_to(raw / "sub")  # a folder link: os.walk lists it as a folder, never follows it
    (raw / "sub" / "loop").symlink_to(raw)  # a folder loop
    skipped: Counter = Counter()
    listed = [f.uri.removeprefix(f"file:{raw}/") for f in list_raw_files(str(raw), skipped=skipped)]
    assert listed == ["a.json", "link-to-a.json"]
    assert skipped == {
        "a symlink to a symlink (followed once only)": 3,  # link-to-link and both loop links
        "a dangling symlink, or removed while listed": 1,
        "not a regular file (a folder link, FIFO, socket or device)": 1,
    }
    assert not any("json" in reason or "fifo" in reason for reason in skipped)


@pytest.mark.parametrize("names", [["h?.json", "hX.json"], ["[1].json", "1.json"], ["{a,b}.json", "a.json"]])
def test_names_spark_would_read_as_globs_are_read_exactly_once_each(tmp_path, names):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i, name in enumerate(names):
        (raw / name).write_text(f'{{"resourceType":"Patient","id":"p{i}"}}')
    listed = list_raw_files(str(raw))
    assert sorted(f.uri.removeprefix(f"file:{raw}/") for f in listed) == sorted(names)
    assert [read_bytes(f.uri) for f in listed] == [(raw / f.uri.rsplit("/", 1)[1]).read_bytes() for f in listed]
