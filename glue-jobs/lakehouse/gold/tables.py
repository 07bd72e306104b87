"""The gold zone's tables: the published KPI tables and the per-encounter and per-condition facts they are
aggregated from (internal: they let a run recompute only the keys its changes touch)."""

from __future__ import annotations

from lakehouse.lake.store import TableSpec

COMPUTED_AT = "computed_at"
KPI_MONTHLY = TableSpec("kpi_monthly", key="kpi_key", precombine=COMPUTED_AT)
CONDITION_PREVALENCE = TableSpec("condition_prevalence", key="prevalence_key", precombine=COMPUTED_AT)
ENCOUNTER_FACTS = TableSpec("encounter_facts", key="id", precombine=COMPUTED_AT, catalog=False)
CONDITION_FACTS = TableSpec("condition_facts", key="id", precombine=COMPUTED_AT, catalog=False)
# The patient a fact belongs to, never null (facts of no known patient form one group of their own).
GROUP = "patient_group"
