"""Gold's tables are exactly those published_gold_tables.json names: the published ones the views read (the only
gold tables in the catalog) and the internal fact tables the policy pack keeps every reader out of."""

from lakehouse.contracts import contract
from lakehouse.gold import tables
from lakehouse.lake.store import TableSpec

SPECS = [v for v in vars(tables).values() if isinstance(v, TableSpec)]


def test_published_tables_are_the_catalogued_gold_tables():
    assert sorted(s.name for s in SPECS if s.catalog) == sorted(contract("published_gold_tables")["tables"])


def test_internal_tables_are_the_uncatalogued_gold_tables():
    assert sorted(s.name for s in SPECS if not s.catalog) == sorted(contract("published_gold_tables")["internal"])
