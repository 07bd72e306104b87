/** Everything the page draws, computed from the published views (views.json); the browser only selects from it. */
import { FacilityRow, facilityRows } from "./facility-model";
import { KPIS, Row, cellOf, Cell } from "./kpis";
import { PrevalenceModel, prevalenceModel } from "./prevalence-model";
import { ALL_REGIONS, Grain, NO_REGION, TimeSeries, defaultGrain, timeSeries } from "./time-model";

export interface KpiInfo {
  readonly column: string;
  readonly label: string;
  readonly unit: string;
  readonly decimals: number;
  readonly percent: boolean;
}

export interface PageModel {
  readonly kpis: KpiInfo[];
  readonly time: Record<Grain, TimeSeries>;
  readonly defaultGrain: Grain;
  /** The regions of the filter, sorted (the all-regions choice is ALL_REGIONS, listed first by the page). */
  readonly regions: string[];
  readonly byRegion: { readonly labels: string[]; readonly cells: Record<string, Cell[]> };
  readonly facilities: FacilityRow[];
  readonly prevalence: PrevalenceModel;
}

/** The views the page needs (the publish step writes them all to views.json). */
export const REQUIRED_VIEWS = [
  "kpi_by_period",
  "kpi_by_region",
  "kpi_by_facility",
  "condition_prevalence_published",
] as const;

/** The rows of one view from views.json; a missing or malformed view fails naming it. */
export function viewRows(views: Record<string, unknown>, name: string): Row[] {
  const rows = views[name];
  if (!Array.isArray(rows))
    throw new Error(`views: no ${name} view (a list of rows), found ${rows === undefined ? "nothing" : typeof rows}`);
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object" || Array.isArray(row))
      throw new Error(`views: ${name} row ${i + 1} is not an object`);
  });
  return rows as Row[];
}

export function pageModel(views: Record<string, unknown>): PageModel {
  const [period, region, facility, prevalence] = REQUIRED_VIEWS.map((v) => viewRows(views, v));
  const time = timeSeries(period);
  const regionLabels = region.map((r) => (typeof r.region === "string" ? r.region : NO_REGION));
  const regions = [...new Set([...Object.values(time).flatMap((s) => Object.keys(s.cells)), ...regionLabels])].filter(
    (r) => r !== ALL_REGIONS,
  );
  return {
    kpis: KPIS.map((k) => ({
      column: k.column,
      label: k.label,
      unit: k.unit,
      decimals: k.decimals,
      percent: k.scale === 100,
    })),
    time,
    defaultGrain: defaultGrain(time),
    regions: regions.sort(),
    byRegion: {
      labels: regionLabels,
      cells: Object.fromEntries(
        KPIS.map((k) => [k.column, region.map((r, i) => cellOf(k, r, `kpi_by_region row ${i + 1}`))]),
      ),
    },
    facilities: facilityRows(facility),
    prevalence: prevalenceModel(prevalence),
  };
}
