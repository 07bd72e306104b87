"""The gold layer: the KPIs of KPIS.md by month, region and facility."""
