/** The prevalence section's data from condition_prevalence_published: per region and year, each condition's row. */
import { Cell, Row, numberCell } from "./kpis";
import { NO_REGION } from "./time-model";

/** A published measure, or a small cell withheld (rule of eleven), or nothing (zero denominator). */
export type Measure = Cell;

export interface PrevalenceRow {
  readonly year: string;
  readonly region: string;
  readonly condition: string;
  readonly population: number;
  readonly patients: Measure;
  readonly newCases: Measure;
  /** Percentages of the population. */
  readonly prevalence: Measure;
  readonly incidence: Measure;
}

export interface PrevalenceModel {
  readonly regions: string[];
  readonly years: string[];
  /** The region and year the section opens on: the latest year with a published condition, its largest region. */
  readonly defaultRegion: string;
  readonly defaultYear: string;
  readonly rows: PrevalenceRow[];
}

export function prevalenceModel(rows: readonly Row[]): PrevalenceModel {
  const parsed = rows.map((row, i): PrevalenceRow => {
    const where = `condition_prevalence_published row ${i + 1}`;
    const counts = row.counts_suppressed === true;
    const rates = counts || row.rates_suppressed === true;
    const display = typeof row.condition_display === "string" && row.condition_display ? row.condition_display : "";
    return {
      year: String(row.year),
      region: typeof row.region === "string" ? row.region : NO_REGION,
      condition: display ? `${display} (${row.condition_code})` : String(row.condition_code),
      population: typeof row.population === "number" ? row.population : 0,
      patients: numberCell(row, "patients_with_condition", counts, 1, where),
      newCases: numberCell(row, "new_cases", counts, 1, where),
      prevalence: numberCell(row, "prevalence", rates, 100, where),
      incidence: numberCell(row, "incidence", rates, 100, where),
    };
  });
  const years = [...new Set(parsed.map((r) => r.year))].sort();
  const regions = [...new Set(parsed.map((r) => r.region))].sort();
  // A partial last year can have every condition withheld: open on one with something to draw.
  const published = parsed.filter((r) => typeof r.prevalence === "number");
  const openOn = published.length > 0 ? published : parsed;
  const latest = openOn.map((r) => r.year).sort()[openOn.length - 1] ?? "";
  const population = new Map<string, number>();
  for (const r of openOn.filter((x) => x.year === latest)) population.set(r.region, r.population);
  const defaultRegion = [...population.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  return { regions, years, defaultRegion: defaultRegion ?? "", defaultYear: latest, rows: parsed };
}
