"""Which raw objects bronze reads: the data-file rule of lakehouse/data/data_files.json, locally and on S3."""

from __future__ import annotations

import boto3
import pytest
from moto.server import ThreadedMotoServer

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
