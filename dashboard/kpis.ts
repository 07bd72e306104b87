/** The KPIs the dashboard charts, and how their published rows become chart data and table cells. */

/** One row of a published view (views.json): column name to value. */
export type Row = Record<string, string | number | boolean | null>;

/** A charted measure of the published views. */
export interface Kpi {
  /** Column of kpi_by_month / kpi_by_region. */
  readonly column: string;
  readonly label: string;
  /** Axis title. */
  readonly unit: string;
  /** Boolean column that is true when the value was withheld (rule of eleven); none for plain counts. */
  readonly suppressedFlag?: string;
  /** Chart values: rates are charted as percentages. */
  readonly scale: number;
  /** Decimals shown in the tables. */
  readonly decimals: number;
}

/** The dashboard's KPIs, in page order (docs/kpis.md measures). */
export const KPIS: readonly Kpi[] = [
  {
    column: "infection_rate",
    label: "Infection rate",
    unit: "% of encounters",
    suppressedFlag: "infection_rate_suppressed",
    scale: 100,
    decimals: 1,
  },
  {
    column: "mortality_rate",
    label: "In-hospital mortality rate",
    unit: "% of inpatient discharges",
    suppressedFlag: "mortality_rate_suppressed",
    scale: 100,
    decimals: 1,
  },
  {
    column: "readmission_rate_30d",
    label: "30-day readmission rate",
    unit: "% of index discharges",
    suppressedFlag: "readmission_rate_suppressed",
    scale: 100,
    decimals: 1,
  },
  {
    column: "avg_length_of_stay_days",
    label: "Average length of stay",
    unit: "days",
    suppressedFlag: "los_suppressed",
    scale: 1,
    decimals: 2,
  },
  { column: "encounters", label: "Encounters", unit: "count", scale: 1, decimals: 0 },
];

/** What a chart point or table cell holds: a value (scaled for display), a suppressed small cell, or no data. */
export type Cell = number | "suppressed" | null;

/** A number column of a row as a cell, scaled; an invalid (non-numeric) value fails naming the row and column. */
export function numberCell(row: Row, column: string, suppressed: boolean, scale: number, where: string): Cell {
  if (suppressed) return "suppressed";
  const value = row[column];
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${where}: column ${column} must be a number or null, got ${JSON.stringify(value)}`);
  }
  return value * scale;
}

/** The cell of one KPI in one row: its suppression flag first, then its value. */
export function cellOf(kpi: Kpi, row: Row, where: string): Cell {
  return numberCell(
    row,
    kpi.column,
    kpi.suppressedFlag !== undefined && row[kpi.suppressedFlag] === true,
    kpi.scale,
    where,
  );
}
