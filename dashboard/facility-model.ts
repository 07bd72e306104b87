/** The facility table from kpi_by_facility: one row per facility, largest first within its region. */
import { KPIS, Row, cellOf, Cell } from "./kpis";
import { NO_REGION } from "./time-model";

export interface FacilityRow {
  readonly facility: string;
  readonly region: string;
  readonly months: string;
  readonly cells: Record<string, Cell>;
}

const text = (v: unknown, fallback: string): string => (typeof v === "string" && v !== "" ? v : fallback);

export function facilityRows(rows: readonly Row[]): FacilityRow[] {
  const encounters = (r: Row) => (typeof r.encounters === "number" ? r.encounters : 0);
  return rows
    .map((row, i) => ({ row, i }))
    .sort(
      (a, b) =>
        text(a.row.region, NO_REGION).localeCompare(text(b.row.region, NO_REGION)) ||
        encounters(b.row) - encounters(a.row),
    )
    .map(({ row, i }) => ({
      facility: text(row.facility_id, "(no facility)"),
      region: text(row.region, NO_REGION),
      months: `${text(row.first_month, "?")} to ${text(row.last_month, "?")}`,
      cells: Object.fromEntries(KPIS.map((k) => [k.column, cellOf(k, row, `kpi_by_facility row ${i + 1}`)])),
    }));
}
