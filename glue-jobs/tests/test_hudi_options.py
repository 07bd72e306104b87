import pytest

from lakehouse.hudi_options import COMPLEX_KEYGEN, NON_PARTITIONED_KEYGEN, SIMPLE_KEYGEN, hudi_options


def test_unpartitioned_table_uses_the_non_partitioned_key_generator_and_an_empty_partition_field():
    o = hudi_options("patient", "id", "last_updated")
    assert o["hoodie.datasource.write.keygenerator.class"] == NON_PARTITIONED_KEYGEN
    assert o["hoodie.datasource.write.partitionpath.field"] == ""
    assert "None" not in o.values()


def test_partitioned_table_uses_the_simple_key_generator():
    o = hudi_options("kpi", "id", "ts", partition_by="month")
    assert o["hoodie.datasource.write.keygenerator.class"] == SIMPLE_KEYGEN
    assert o["hoodie.datasource.write.partitionpath.field"] == "month"


def test_a_composite_key_uses_the_complex_key_generator():
    o = hudi_options("kpi_monthly", ["month", "region", "facility_id"], "computed_at")
    assert o["hoodie.datasource.write.recordkey.field"] == "month,region,facility_id"
    assert o["hoodie.datasource.write.keygenerator.class"] == COMPLEX_KEYGEN


def test_the_latest_precombine_value_wins_even_when_it_arrives_first():
    o = hudi_options("encounter", "id", "last_updated")
    assert o["hoodie.datasource.write.payload.class"].endswith("DefaultHoodieRecordPayload")
    assert o["hoodie.payload.ordering.field"] == "last_updated"


def test_catalog_sync_names_the_database_and_table():
    o = hudi_options("patient", "id", "last_updated", database="fhirlake_dev_silver", sync_to_catalog=True)
    assert o["hoodie.datasource.hive_sync.database"] == "fhirlake_dev_silver"
    assert o["hoodie.datasource.hive_sync.table"] == "patient"


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        (("", "id", "ts"), {}, "needs a table"),
        (("t", "", "ts"), {}, "needs a table"),
        (("t", "id", ""), {}, "needs a table"),
        (("t", "id", "ts"), {"operation": "merge"}, "unknown Hudi operation 'merge'"),
        (("t", "id", "ts"), {"sync_to_catalog": True}, "needs a database"),
    ],
)
def test_bad_arguments_fail_with_a_message_saying_what_is_wrong(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        hudi_options(*args, **kwargs)
