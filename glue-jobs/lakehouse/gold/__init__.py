"""The gold layer: the KPIs of docs/kpis.md by month, region and facility."""
