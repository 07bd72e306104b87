/** The KPI series over time from kpi_by_period: every period of each grain, for all regions and per region. */
import { KPIS, Row, cellOf, Cell } from "./kpis";

export const GRAINS = ["month", "quarter", "year"] as const;
export type Grain = (typeof GRAINS)[number];

/** The region key of the all-regions series (no real region is empty: gold names a missing one `unknown`). */
export const ALL_REGIONS = "";
/** The key of a gold row with no region at all. */
export const NO_REGION = "(no region)";

/** One grain: its period labels (every period from the first to the last) and, per region key, each KPI's cells. */
export interface TimeSeries {
  readonly labels: string[];
  readonly cells: Record<string, Record<string, Cell[]>>;
}

/** The most points a chart starts with: the page opens on the finest grain within it, else on years. */
export const MAX_DEFAULT_POINTS = 60;

const PERIOD = { month: /^(\d{4})-(\d{2})$/, quarter: /^(\d{4})-Q([1-4])$/, year: /^(\d{4})()$/ } as const;
const PER_YEAR = { month: 12, quarter: 4, year: 1 } as const;

/** A period as a count of grain steps since year 0, so a range can be filled; a malformed one fails. */
function ordinal(grain: Grain, period: string, where: string): number {
  const m = PERIOD[grain].exec(period);
  if (!m) throw new Error(`${where}: period ${JSON.stringify(period)} is not a ${grain}`);
  return Number(m[1]) * PER_YEAR[grain] + (grain === "year" ? 0 : Number(m[2]) - 1);
}

function label(grain: Grain, n: number): string {
  const year = String(Math.floor(n / PER_YEAR[grain])).padStart(4, "0");
  const step = (n % PER_YEAR[grain]) + 1;
  if (grain === "month") return `${year}-${String(step).padStart(2, "0")}`;
  return grain === "quarter" ? `${year}-Q${step}` : year;
}

/** Every period from the first to the last one present: a time axis with no silent holes. */
function periodRange(grain: Grain, rows: readonly { n: number }[]): string[] {
  if (rows.length === 0) return [];
  const ns = rows.map((r) => r.n);
  const out: string[] = [];
  for (let n = Math.min(...ns); n <= Math.max(...ns); n++) out.push(label(grain, n));
  return out;
}

/** The series of every grain from kpi_by_period's rows; a row of an unknown grain or period fails naming it. */
export function timeSeries(rows: readonly Row[]): Record<Grain, TimeSeries> {
  const parsed = rows.map((row, i) => {
    const where = `kpi_by_period row ${i + 1}`;
    const grain = row.period_grain as Grain;
    if (!GRAINS.includes(grain)) throw new Error(`${where}: unknown period_grain ${JSON.stringify(row.period_grain)}`);
    const region = row.all_regions === true ? ALL_REGIONS : typeof row.region === "string" ? row.region : NO_REGION;
    return { row, where, grain, region, period: String(row.period), n: ordinal(grain, String(row.period), where) };
  });
  const out = {} as Record<Grain, TimeSeries>;
  for (const grain of GRAINS) {
    const mine = parsed.filter((p) => p.grain === grain);
    const labels = periodRange(grain, mine);
    const index = new Map(labels.map((l, i) => [l, i]));
    const cells: Record<string, Record<string, Cell[]>> = {};
    for (const p of mine) {
      cells[p.region] ??= Object.fromEntries(KPIS.map((k) => [k.column, labels.map((): Cell => null)]));
      for (const kpi of KPIS) cells[p.region][kpi.column][index.get(p.period)!] = cellOf(kpi, p.row, p.where);
    }
    out[grain] = { labels, cells };
  }
  return out;
}

/** The grain the page opens on: the finest whose all-regions series has at most MAX_DEFAULT_POINTS periods. */
export function defaultGrain(series: Record<Grain, TimeSeries>): Grain {
  return GRAINS.find((g) => series[g].labels.length <= MAX_DEFAULT_POINTS) ?? "year";
}
