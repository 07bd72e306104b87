"""Hudi write options, built in one place for every table the jobs write."""

from __future__ import annotations

# Glue's Hudi build and open-source Hudi disagree on the default key generator, so it is always explicit.
SIMPLE_KEYGEN = "org.apache.hudi.keygen.SimpleKeyGenerator"
NON_PARTITIONED_KEYGEN = "org.apache.hudi.keygen.NonpartitionedKeyGenerator"
COMPLEX_KEYGEN = "org.apache.hudi.keygen.ComplexKeyGenerator"

WRITE_OPERATIONS = ("upsert", "insert", "bulk_insert", "delete", "insert_overwrite_table")
# Payloads: "ordered" never lets a record with a smaller precombine value replace a stored one (bronze-era
# versions); "latest" lets the incoming record replace the stored one (tables whose writer decided the winner).
PAYLOADS = {
    "ordered": "org.apache.hudi.common.model.DefaultHoodieRecordPayload",
    "latest": "org.apache.hudi.common.model.OverwriteWithLatestAvroPayload",
}
# Write options starting with this prefix land in the commit's extraMetadata (Hudi's commitmeta.key.prefix).
COMMIT_METADATA_PREFIX = "_lakehouse."


def hudi_options(
    table: str,
    record_key: str | list[str],
    precombine: str,
    *,
    partition_by: str | None = None,
    operation: str = "upsert",
    database: str | None = None,
    sync_to_catalog: bool = False,
    payload: str = "ordered",
    commit_metadata: dict[str, str] | None = None,
) -> dict[str, str]:
    """Options for one Hudi copy-on-write table.

    record_key: one column, or several (composite key, ComplexKeyGenerator).
    precombine: the column whose largest value wins among records of one key (e.g. last_updated).
    partition_by: a partition column, or None for an unpartitioned table (never the string 'None').
    sync_to_catalog: register the table in the Glue Data Catalog (on AWS) under `database`.
    payload: "ordered" (default) or "latest" (see PAYLOADS).
    commit_metadata: key/values stored in the commit itself (a checkpoint commits atomically with the data).
    """
    keys = [record_key] if isinstance(record_key, str) else list(record_key)
    if not table or not keys or not all(keys) or not precombine:
        raise ValueError(
            f"hudi_options needs a table, record key and precombine field; got {table!r}, {keys!r}, {precombine!r}"
        )
    if operation not in WRITE_OPERATIONS:
        raise ValueError(f"unknown Hudi operation {operation!r}; expected one of {', '.join(WRITE_OPERATIONS)}")
    if payload not in PAYLOADS:
        raise ValueError(f"unknown payload {payload!r}; expected one of {', '.join(PAYLOADS)}")
    if sync_to_catalog and not database:
        raise ValueError("sync_to_catalog needs a database name")

    if len(keys) > 1:
        keygen = COMPLEX_KEYGEN
    elif partition_by:
        keygen = SIMPLE_KEYGEN
    else:
        keygen = NON_PARTITIONED_KEYGEN

    options = {
        "hoodie.table.name": table,
        "hoodie.datasource.write.table.type": "COPY_ON_WRITE",
        "hoodie.datasource.write.operation": operation,
        "hoodie.datasource.write.recordkey.field": ",".join(keys),
        "hoodie.datasource.write.precombine.field": precombine,
        "hoodie.datasource.write.keygenerator.class": keygen,
        "hoodie.datasource.write.partitionpath.field": partition_by or "",
        "hoodie.datasource.write.hive_style_partitioning": "true",
        # An older version arriving later must never replace a newer one: payload that compares precombine.
        "hoodie.datasource.write.payload.class": PAYLOADS[payload],
        "hoodie.payload.ordering.field": precombine,
        "hoodie.datasource.write.reconcile.schema": "true",
        "hoodie.datasource.write.commitmeta.key.prefix": COMMIT_METADATA_PREFIX,
        # A clean is scheduled every few commits, not after each one: it costs a listing and a commit.
        "hoodie.clean.max.commits": "5",
        # No metadata table: it doubles every commit (a second, merge-on-read table with its own compactions) to
        # save file listings, and our tables hold few files. Measured back to back on `npm run lakehouse` (1,000
        # generated patients, 2 cores): 97.6 s end to end with it, 80.6 s and 76.6 s without (bronze 23.0 -> 14.8 s,
        # silver 49.9 -> 38.8 s, gold 13.1 -> 11.2 s).
        "hoodie.metadata.enable": "false",
    }
    for key, value in (commit_metadata or {}).items():
        options[COMMIT_METADATA_PREFIX + key] = value
    if sync_to_catalog:
        options.update(
            {
                "hoodie.datasource.hive_sync.enable": "true",
                "hoodie.datasource.hive_sync.mode": "hms",
                "hoodie.datasource.hive_sync.use_jdbc": "false",
                "hoodie.datasource.hive_sync.database": database or "",
                "hoodie.datasource.hive_sync.table": table,
                "hoodie.datasource.hive_sync.partition_fields": partition_by or "",
                "hoodie.datasource.hive_sync.partition_extractor_class": (
                    "org.apache.hudi.hive.MultiPartKeysValueExtractor"
                    if partition_by
                    else "org.apache.hudi.hive.NonPartitionedExtractor"
                ),
            }
        )
    return options
