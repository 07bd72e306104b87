/** The self-contained HTML dashboard of the published views: Chart.js inlined, data embedded, no network. */
import * as fs from "fs";
import * as path from "path";
import { escapeHtml, inlineScript, scriptJson } from "./html";
import { KpiInfo, PageModel, pageModel } from "./model";
import { pageScript } from "./page-script";
import { GRAINS } from "./time-model";

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

const CSS = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:80rem}
section{margin:2rem 0}.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(28rem,1fr));gap:1.5rem}
.chart{position:relative;height:280px}.chart.tall{height:360px}.note{color:#8a4b00;font-size:.9rem;min-height:1em}
nav.controls{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ddd;z-index:1}
nav.controls label,.prev-controls label{margin-right:1.5rem;font-weight:600}select{margin-left:.4rem}
table{border-collapse:collapse;margin-top:.5rem;font-size:.9rem}caption{text-align:left;font-weight:600}
th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}td.text{text-align:left}
td.suppressed{color:#8a4b00;font-style:italic}td.none{color:#888}
.scroll{max-height:32rem;overflow:auto;border-bottom:1px solid #ddd}
details{margin-top:.5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}`;

// Inline scripts and styles only; nothing may be fetched.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const options = (values: readonly string[], label: (v: string) => string = (v) => v): string =>
  values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(label(v))}</option>`).join("");

/** A chart with its caption, gap note and folded data table; the page script fills all four. */
function figure(id: string, caption: string, tall = false): string {
  return [
    `<figure><figcaption id="caption-${id}">${escapeHtml(caption)}</figcaption>`,
    `<div class="chart${tall ? " tall" : ""}"><canvas id="chart-${id}" role="img" ` +
      `aria-label="${escapeHtml(`${caption}; the data table follows`)}"></canvas></div>`,
    `<p class="note" id="note-${id}"></p>`,
    `<details><summary>Data table</summary><table id="table-${id}"></table></details></figure>`,
  ].join("\n");
}

function kpiSection(kpi: KpiInfo): string {
  return (
    `<section><h2>${escapeHtml(kpi.label)}</h2><div class="pair">` +
    `${figure(`${kpi.column}-over-time`, `${kpi.label} over time`)}` +
    `${figure(`${kpi.column}-by-region`, `${kpi.label} by region, all periods`)}</div></section>`
  );
}

function controls(model: PageModel): string {
  return (
    `<nav class="controls" aria-label="Filters"><label>Time grain <select id="grain">` +
    `${options(GRAINS)}</select></label><label>Region <select id="region"><option value="">All regions</option>` +
    `${options(model.regions)}</select></label></nav>`
  );
}

function prevalenceSection(model: PageModel): string {
  const p = model.prevalence;
  return [
    `<section><h2>Condition prevalence</h2>`,
    `<p>Patients of a region with a condition active in the year, per patient the region served that year ` +
      `(docs/kpis.md, "Condition prevalence"). Published per region only.</p>`,
    `<div class="prev-controls"><label>Region <select id="prev-region">${options(p.regions)}</select></label>` +
      `<label>Year <select id="prev-year">${options(p.years)}</select></label></div>`,
    `<div class="pair">${figure("prevalence-top", "Top conditions by prevalence", true)}` +
      `${figure("prevalence-new-cases", "New cases per year", true)}</div>`,
    `<details><summary>All conditions of the region and year</summary><table id="table-prevalence"></table></details>`,
    `</section>`,
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
    `<p>Published views only. A count or rate whose denominator is between 1 and 10 is withheld (rule of ` +
      `eleven): charts mark it with a cross on the axis, tables say "suppressed". No data is a gap. A quarter ` +
      `or a year is summed from the lake, so it can show what its months withhold.</p></header>`,
  ].join("\n");
}

/**
 * Builds the dashboard page from the published views (views.json: kpi_by_period, kpi_by_region, kpi_by_facility
 * and condition_prevalence_published): per KPI a chart over time at the chosen grain and region and one by region,
 * a facility table, and the prevalence section; every chart with a note on withheld cells and a data table.
 */
export function buildDashboard(views: Record<string, unknown>, opts: DashboardOptions): string {
  if (!opts.title.trim()) throw new Error("buildDashboard: the title must not be empty");
  const model = pageModel(views);
  return [
    `<!DOCTYPE html>`,
    `<html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>${escapeHtml(opts.title)}</title><style>${CSS}</style></head><body>`,
    header(opts),
    controls(model),
    `<main>${model.kpis.map(kpiSection).join("\n")}`,
    `<section><h2>Facilities</h2><div class="scroll"><table id="table-facilities"></table></div></section>`,
    prevalenceSection(model),
    `</main>`,
    `<script type="application/json" id="page-model">${scriptJson(model)}</script>`,
    `<script>${inlineScript(opts.chartJsSource ?? chartJsBundle())}</script>`,
    `<script>(${inlineScript(pageScript.toString())})();</script>`,
    `</body></html>`,
  ].join("\n");
}
