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
  return rows
    .map((row, i) => ({
      facility: text(row.facility_id, "(no facility)"),
      region: text(row.region, NO_REGION),
      months: `${text(row.first_month, "?")} to ${text(row.last_month, "?")}`,
      cells: Object.fromEntries(KPIS.map((k) => [k.column, cellOf(k, row, `kpi_by_facility row ${i + 1}`)])),
      encounters: typeof row.encounters === "number" ? row.encounters : 0,
    }))
    .sort((a, b) => a.region.localeCompare(b.region) || b.encounters - a.encounters)
    .map(({ encounters: _encounters, ...rest }) => rest);
}
