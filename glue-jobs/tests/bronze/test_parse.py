import gzip
import json

import pytest

from lakehouse.bronze.parse import MAX_FILE_DEPTH, parse_file
from lakehouse.bronze.records import Quarantined, Resource
from lakehouse.bronze.shape import MAX_DEPTH
from tests.bronze.corpus import BAD_CORPUS, as_bytes, encounter, ndjson, patient, transaction


def parse(name: str, content: bytes) -> list:
    return list(parse_file(f"/raw/{name}", content))


@pytest.mark.parametrize("kind", sorted(BAD_CORPUS))
def test_each_kind_of_bad_input_is_quarantined_with_its_reason_and_field(kind):
    name, content, reason, field = BAD_CORPUS[kind]
    items = parse(name, content)
    assert len(items) == 1
    (item,) = items
    assert isinstance(item, Quarantined)
    assert reason in item.reason
    assert item.field == field
    assert item.source_file == f"/raw/{name}"


def test_the_bad_corpus_covers_at_least_twelve_kinds():
    assert len(BAD_CORPUS) >= 12


def test_ndjson_splits_on_newlines_only_never_inside_strings():
    # U+2028, U+2029 and U+0085 are valid unescaped in JSON strings; str.splitlines would cut the record there.
    names = ["a\u2028b", "c\u2029d", "e\u0085f\x0bg\x1ch"]
    content = "".join(
        json.dumps(patient(f"p{i}", name=[{"text": n}]), ensure_ascii=False) + "\r\n" for i, n in enumerate(names)
    )
    items = parse("u.ndjson", content.encode("utf-8"))
    assert [type(i) for i in items] == [Resource] * 3
    assert [json.loads(i.json)["name"][0]["text"] for i in items] == names
    assert [i.position for i in items] == ["line 1", "line 2", "line 3"]


def test_a_deep_record_in_ndjson_is_quarantined_and_its_neighbours_kept():
    deep = '{"resourceType":"Patient","id":"d","x":' + "[" * 5000 + "]" * 5000 + "}"
    items = parse("d.ndjson", (json.dumps(patient("a")) + "\n" + deep + "\n" + json.dumps(patient("b"))).encode())
    assert [type(i) for i in items] == [Resource, Quarantined, Resource]
    assert items[1].position == "line 2" and "nested deeper" in items[1].reason


def nested_patient(rid: str, levels: int) -> dict:
    """A Patient whose object levels number `levels` (itself the first): extensions in extensions, each inside
    an array, so a bundle holding it nests about twice as deep in objects and arrays."""
    inner: dict = {"url": "http://example.org/x", "valueString": "leaf"}
    for _ in range(levels - 2):
        inner = {"url": "http://example.org/x", "extension": [inner]}
    return patient(rid, extension=[inner])


def test_a_resource_at_the_depth_bound_enters_from_a_bundle_deeper_than_it():
    items = parse("b.json", as_bytes(transaction(nested_patient("n1", MAX_DEPTH), patient("p1"))))
    assert [type(i) for i in items] == [Resource, Resource]


def test_a_resource_past_the_depth_bound_is_quarantined_alone_and_its_bundle_neighbours_enter():
    items = parse("b.json", as_bytes(transaction(nested_patient("n1", MAX_DEPTH + 1), patient("p1"))))
    assert [type(i) for i in items] == [Quarantined, Resource]
    assert items[0].position == "entry[0]" and f"nested deeper than {MAX_DEPTH}" in items[0].reason


def file_nested(depth: int) -> bytes:
    """A Bundle whose objects and arrays nest exactly `depth` levels, in a resource R4 refuses anyway."""
    pad = depth - 4  # Bundle { entry [ { resource { : four levels before the padding
    return (
        '{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient",'
        '"id":"d","x":' + "[" * pad + "]" * pad + "}}]}"
    ).encode()


def test_a_file_at_the_file_depth_bound_is_read_and_one_past_it_quarantined_whole():
    (inside,) = parse("f.json", file_nested(MAX_FILE_DEPTH))
    assert inside.position == "entry[0]"
    (whole,) = parse("f.json", file_nested(MAX_FILE_DEPTH + 1))
    assert whole.position == "file" and f"nested deeper than {MAX_FILE_DEPTH}" in whole.reason


def test_an_unknown_resource_type_is_not_repeated_in_its_reason():
    (item,) = parse("x.json", as_bytes({"resourceType": "Jane Doe 1970-01-01", "id": "x"}))
    assert "Jane" not in item.reason and item.resource_type is None


def test_a_bundle_splits_into_its_resources_with_urn_uuid_references_resolved_and_the_original_kept():
    bundle = transaction(patient("p1"), encounter("e1", "urn:uuid:p1"))
    items = parse("b.json", as_bytes(bundle))
    assert [type(i) for i in items] == [Resource, Resource]
    enc = items[1]
    assert (enc.resource_type, enc.id, enc.position) == ("Encounter", "e1", "entry[1]")
    assert json.loads(enc.json)["subject"]["reference"] == "urn:uuid:p1"
    assert json.loads(enc.resolved_json)["subject"]["reference"] == "Patient/p1"


def test_decimals_keep_their_exact_text():
    obs = {
        "resourceType": "Observation",
        "id": "o1",
        "status": "final",
        "valueQuantity": {"value": 37.50, "unit": "Cel"},
    }
    text = json.dumps(transaction(obs)).replace("37.5", "37.50")
    (item,) = parse("b.json", text.encode())
    assert '"value":37.50' in item.json


def test_last_updated_is_normalised_to_utc_and_falls_back_to_bundle_timestamp_then_loses():
    with_meta, no_meta = patient("a"), patient("b", last_updated=None)
    bundle_items = parse("b.json", as_bytes(transaction(with_meta, no_meta, timestamp="2024-05-05T00:00:00-05:00")))
    assert (bundle_items[0].last_updated, bundle_items[0].last_updated_source) == (
        "2024-03-01T08:00:00.000000Z",
        "meta",
    )
    assert (bundle_items[1].last_updated, bundle_items[1].last_updated_source) == (
        "2024-05-05T05:00:00.000000Z",
        "bundle",
    )
    (single,) = parse("p.json", as_bytes(no_meta))
    # No time of its own: below any real version, whenever its file was written or copied.
    assert (single.last_updated, single.last_updated_source) == ("0000-01-01T00:00:00.000000Z", "none")
    assert single.last_updated < bundle_items[1].last_updated


def test_a_single_resource_file_keeps_its_text_byte_for_byte():
    text = '{ "resourceType" : "Patient", "id" : "p9", "birthDate": "1970-01-01" }'
    (item,) = parse("p.json", text.encode())
    assert item.json == text


def test_ndjson_gz_yields_one_resource_per_line_and_skips_blank_lines():
    content = gzip.compress(ndjson(patient("a"), patient("b")) + b"\n")
    items = parse("Patient.ndjson.gz", content)
    assert [(i.id, i.position) for i in items] == [("a", "line 1"), ("b", "line 2")]


def test_one_bad_line_of_ndjson_is_quarantined_and_the_other_lines_are_kept():
    content = ndjson(patient("a")) + b'{"resourceType":"Patient"}\n' + ndjson(patient("c"))
    items = parse("p.ndjson", content)
    assert [type(i).__name__ for i in items] == ["Resource", "Quarantined", "Resource"]
    assert items[1].position == "line 2" and items[1].reason == "missing id"


def test_a_delete_entry_becomes_a_tombstone_at_the_bundle_timestamp():
    bundle = transaction(timestamp="2024-07-01T00:00:00Z", deletes=("Patient/p1",))
    (item,) = parse("d.json", as_bytes(bundle))
    assert (item.resource_type, item.id, item.is_deleted, item.json) == ("Patient", "p1", True, None)
    assert item.last_updated == "2024-07-01T00:00:00.000000Z"


def test_a_bad_entry_does_not_stop_the_rest_of_its_bundle():
    bundle = transaction(patient("a"), {"resourceType": "Patient", "id": "b", "name": "Smith"}, patient("c"))
    items = parse("b.json", as_bytes(bundle))
    assert [type(i).__name__ for i in items] == ["Resource", "Quarantined", "Resource"]
    assert items[1].position == "entry[1]" and items[1].field == "name" and items[1].resource_id == "b"


def test_quarantine_reasons_never_carry_field_values():
    secret = "Jane-Doe-123"
    bad = {"resourceType": "Patient", "id": secret + " x", "name": [{"family": secret}]}
    (item,) = parse("p.json", as_bytes(bad))
    assert secret not in item.reason
