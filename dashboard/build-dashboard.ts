/** The self-contained HTML dashboard of the published views: Chart.js inlined, data embedded, no network. */
import * as fs from "fs";
import * as path from "path";
import { ChartSpec, chartSpec, dataTable, gapNote } from "./charts";
import { escapeHtml, inlineScript, scriptJson } from "./html";
import { KPIS, Kpi, Row, seriesOf } from "./kpis";

/** What the page says about itself; every value is given by the caller (nothing read from the clock). */
export interface DashboardOptions {
  readonly title: string;
  /** Shown under the title as "name: value" lines, e.g. { source: "...", "run date": "2026-01-01" }. Default none. */
  readonly details?: Readonly<Record<string, string>>;
  /** The Chart.js UMD bundle's source. Default: node_modules/chart.js/dist/chart.umd.js. */
  readonly chartJsSource?: string;
}

/**
 * The Chart.js UMD bundle installed with the project (chart.js does not export the file, so it is found from its
 * main).
 */
export function chartJsBundle(): string {
  return fs.readFileSync(path.join(path.dirname(require.resolve("chart.js")), "chart.umd.js"), "utf8");
}

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

const CSS = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:72rem}
section{margin:2rem 0}.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(28rem,1fr));gap:1.5rem}
.chart{position:relative;height:260px}.note{color:#8a4b00;font-size:.9rem}
table{border-collapse:collapse;margin-top:.5rem;font-size:.9rem}caption{text-align:left;font-weight:600}
th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}tr.suppressed td{color:#8a4b00}
details{margin-top:.5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}`;

const BOOT = `(function () {
  var specs = JSON.parse(document.getElementById("chart-specs").textContent);
  specs.forEach(function (spec) { new Chart(document.getElementById(spec.canvasId), spec.config); });
})();`;

// Inline scripts and styles only; nothing may be fetched.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

// Longer data tables start folded so the charts stay together; the table is still in the page for screen readers.
const OPEN_TABLE_ROWS = 24;

/** One chart with its note and data table; appends its Chart.js spec to `specs`. */
function panel(kpi: Kpi, rows: Row[], by: "month" | "region", specs: ChartSpec[]): string {
  const view = by === "month" ? "kpi_by_month" : "kpi_by_region";
  const series = seriesOf(kpi, rows, by, view);
  const id = `chart-${kpi.column}-by-${by}`;
  specs.push(chartSpec(id, kpi, series, by === "month" ? "line" : "bar"));
  const title = by === "month" ? `${kpi.label} by month` : `${kpi.label} by region, all months`;
  const note = gapNote(series, by === "month" ? "month(s)" : "region(s)");
  return [
    `<figure><figcaption>${escapeHtml(title)}</figcaption>`,
    `<div class="chart"><canvas id="${id}" role="img" ` +
      `aria-label="${escapeHtml(`${title}; the data table follows`)}"></canvas></div>`,
    note ? `<p class="note">${escapeHtml(note)}</p>` : "",
    `<details${rows.length <= OPEN_TABLE_ROWS ? " open" : ""}><summary>Data ` +
      `table</summary>${dataTable(title, by === "month" ? "Month" : "Region", kpi, series)}</details>`,
    `</figure>`,
  ].join("\n");
}

/** The header: title, the caller's details, and the small-cell rule. */
function header(opts: DashboardOptions): string {
  const details = Object.entries(opts.details ?? {}).map(
    ([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`,
  );
  return [
    `<header><h1>${escapeHtml(opts.title)}</h1>`,
    details.length ? `<dl>${details.join("")}</dl>` : "",
    `<p>Published views only. A rate whose denominator is between 1 and 10 is withheld (rule ` +
      `of eleven) and shown as a gap; a rate with no denominator is a gap too.</p></header>`,
  ].join("\n");
}

/**
 * Builds the dashboard page from the published views (views.json: kpi_by_month and kpi_by_region are required):
 * per KPI a chart over months and one by region, each with a gap note and a data table.
 */
export function buildDashboard(views: Record<string, unknown>, opts: DashboardOptions): string {
  if (!opts.title.trim()) throw new Error("buildDashboard: the title must not be empty");
  const byMonth = viewRows(views, "kpi_by_month");
  const byRegion = viewRows(views, "kpi_by_region");
  const specs: ChartSpec[] = [];
  const sections = KPIS.map(
    (kpi) =>
      `<section><h2>${escapeHtml(kpi.label)}</h2><div ` +
      `class="pair">${panel(kpi, byMonth, "month", specs)}${panel(kpi, byRegion, "region", specs)}</div></section>`,
  );
  return [
    `<!DOCTYPE html>`,
    `<html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>${escapeHtml(opts.title)}</title><style>${CSS}</style></head><body>`,
    header(opts),
    `<main>${sections.join("\n")}</main>`,
    `<script type="application/json" id="chart-specs">${scriptJson(specs)}</script>`,
    `<script>${inlineScript(opts.chartJsSource ?? chartJsBundle())}</script>`,
    `<script>${BOOT}</script>`,
    `</body></html>`,
  ].join("\n");
}
