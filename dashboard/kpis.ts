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

/** What a chart point or table cell holds: a value, a suppressed small cell, or nothing (zero denominator). */
export type Point = { kind: "value"; value: number } | { kind: "suppressed" } | { kind: "none" };

/** The point of one KPI in one row; an invalid (non-numeric) value fails naming the view, row and column. */
export function pointOf(kpi: Kpi, row: Row, where: string): Point {
  if (kpi.suppressedFlag && row[kpi.suppressedFlag] === true) return { kind: "suppressed" };
  const value = row[kpi.column];
  if (value === null || value === undefined) return { kind: "none" };
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${where}: column ${kpi.column} must be a number or null, got ${JSON.stringify(value)}`);
  }
  return { kind: "value", value: value * kpi.scale };
}

/** The text of a point in the data tables. */
export function pointText(kpi: Kpi, point: Point): string {
  if (point.kind === "suppressed") return "suppressed (fewer than 11)";
  if (point.kind === "none") return "no data";
  const text = point.value.toLocaleString("en-US", {
    minimumFractionDigits: kpi.decimals,
    maximumFractionDigits: kpi.decimals,
  });
  return kpi.scale === 100 ? `${text}%` : text;
}

/** A chart's series: one label and one point per row. */
export interface Series {
  readonly labels: string[];
  readonly points: Point[];
}

/** The series of one KPI over the rows of a view, labelled by `labelColumn` (month or region). */
export function seriesOf(kpi: Kpi, rows: readonly Row[], labelColumn: string, view: string): Series {
  return {
    labels: rows.map((row, i) => {
      const label = row[labelColumn];
      if (typeof label !== "string")
        throw new Error(`${view} row ${i + 1}: column ${labelColumn} must be a string, got ${JSON.stringify(label)}`);
      return label;
    }),
    points: rows.map((row, i) => pointOf(kpi, row, `${view} row ${i + 1}`)),
  };
}
