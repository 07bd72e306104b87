import * as assert from "assert";
import { buildDashboard } from "../../dashboard/build-dashboard";
import { escapeHtml, inlineScript, scriptJson } from "../../dashboard/html";
import { KPIS, cellOf } from "../../dashboard/kpis";
import { PageModel, pageModel, viewRows } from "../../dashboard/model";
import { MAX_DEFAULT_POINTS, defaultGrain, timeSeries } from "../../dashboard/time-model";
import { HOSTILE_REGION, kpiRow, prevalenceRow, sampleViews } from "./fixtures";

const STUB_CHART = "window.Chart = function () {};";

function build(views: Record<string, unknown> = sampleViews(), title = "KPIs"): string {
  return buildDashboard(views, {
    title,
    details: { source: "test <fixture>", "run date": "2024-04-01" },
    chartJsSource: STUB_CHART,
  });
}

/** The page model embedded in the page, parsed back. */
function embedded(html: string): PageModel {
  const match = /<script type="application\/json" id="page-model">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match, "page model script present");
  return JSON.parse(match[1]);
}

const months = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    kpiRow({
      period_grain: "month",
      period: `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
      all_regions: true,
      region: null,
    }),
  );

describe("dashboard model", () => {
  it("fills every period from the first to the last, so a missing month is a gap, not a jump", () => {
    const series = timeSeries(sampleViews().kpi_by_period);
    assert.deepEqual(series.month.labels, ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]);
    assert.deepEqual(series.month.cells[""].infection_rate, [12.5, 10, 10, null, 10]);
    assert.deepEqual(series.month.cells[""].mortality_rate, [10, "suppressed", null, null, 10]);
    assert.deepEqual(series.quarter.labels, ["2024-Q1", "2024-Q2"]);
    assert.deepEqual(series.year.cells[""].infection_rate, [10.5]);
    // A region's series has the same axis; its months without a row are no data.
    assert.deepEqual(series.month.cells["US/Massachusetts"].infection_rate, [20, null, null, null, null]);
  });

  it("opens on the finest grain with at most MAX_DEFAULT_POINTS periods, else on years", () => {
    const quarters = (n: number) => defaultGrain(timeSeries(months(n)));
    assert.equal(quarters(MAX_DEFAULT_POINTS), "month");
    assert.equal(quarters(MAX_DEFAULT_POINTS + 1), "quarter");
    // 90 years of months (the Synthea sample's span): 360 quarters, so years.
    const ninetyYears = timeSeries([
      ...months(1),
      kpiRow({ period_grain: "month", period: "2089-12", all_regions: true, region: null }),
      kpiRow({ period_grain: "quarter", period: "2000-Q1", all_regions: true, region: null }),
      kpiRow({ period_grain: "quarter", period: "2089-Q4", all_regions: true, region: null }),
    ]);
    assert.equal(ninetyYears.quarter.labels.length, 360);
    assert.equal(defaultGrain(ninetyYears), "year");
  });

  it("lists facilities by region, largest first, with withheld cells as suppressed", () => {
    const model = pageModel(sampleViews());
    assert.deepEqual(
      model.facilities.map((f) => [f.region, f.facility]),
      [
        ["US/Massachusetts", "general"],
        ["US/Massachusetts", "small-clinic"],
        [HOSTILE_REGION, "north"],
      ].sort((a, b) => a[0].localeCompare(b[0])),
    );
    const small = model.facilities.find((f) => f.facility === "small-clinic")!;
    assert.equal(small.cells.mortality_rate, "suppressed");
    assert.equal(small.months, "2024-01 to 2024-02");
  });

  it("opens prevalence on the latest year's largest region, rates as percentages, small counts suppressed", () => {
    const p = pageModel(sampleViews()).prevalence;
    assert.deepEqual([p.defaultRegion, p.defaultYear], ["US/Massachusetts", "2024"]);
    assert.deepEqual(p.years, ["2023", "2024"]);
    const covid = p.rows.find((r) => r.condition === "COVID-19 (840539006)")!;
    assert.deepEqual([covid.patients, covid.prevalence, covid.population], ["suppressed", "suppressed", 500]);
    const hypertension = p.rows.find((r) => r.condition.startsWith("Hypertension"))!;
    assert.deepEqual([hypertension.patients, hypertension.prevalence], [120, 24]);
  });

  it("opens prevalence on a year with a published condition, not on a last year whose cells are all withheld", () => {
    const views = sampleViews();
    views.condition_prevalence_published.push(
      prevalenceRow("2025", "US/Massachusetts", "44054006", "Diabetes", 30, 3, 1),
    );
    const p = pageModel(views).prevalence;
    assert.deepEqual([p.defaultRegion, p.defaultYear, p.years.at(-1)], ["US/Massachusetts", "2024", "2025"]);
  });

  it("the regions of the filter are every region of the views, sorted, without the all-regions key", () => {
    assert.deepEqual(pageModel(sampleViews()).regions, ["US/Massachusetts", HOSTILE_REGION].sort());
  });
});

describe("dashboard page", () => {
  it("escapes the title, details and region names so no markup gets through", () => {
    const html = build(sampleViews(), `A & B <i>`);
    assert.ok(html.includes("<title>A &amp; B &lt;i&gt;</title>"));
    assert.ok(html.includes("<dd>test &lt;fixture&gt;</dd>"));
    assert.ok(html.includes(`<option value="${escapeHtml(HOSTILE_REGION)}">${escapeHtml(HOSTILE_REGION)}</option>`));
    assert.ok(!html.includes(`<script>alert("x")</script>`), "raw hostile markup must not appear");
    assert.deepEqual(embedded(html).regions, pageModel(sampleViews()).regions);
  });

  it("has the controls, a chart over time and one by region per KPI, the facility table and prevalence", () => {
    const html = build();
    assert.ok(html.includes(`<select id="grain"><option value="month">month</option>`));
    assert.ok(html.includes(`<select id="region"><option value="">All regions</option>`));
    for (const kpi of KPIS)
      for (const id of [`chart-${kpi.column}-over-time`, `chart-${kpi.column}-by-region`])
        assert.ok(html.includes(`<canvas id="${id}"`), id);
    assert.equal((html.match(/<canvas /g) ?? []).length, KPIS.length * 2 + 2);
    assert.ok(html.includes(`<table id="table-facilities">`));
    assert.ok(html.includes(`<canvas id="chart-prevalence-top"`) && html.includes(`id="chart-prevalence-new-cases"`));
    assert.ok(html.includes(`<select id="prev-year"><option value="2023">2023</option><option value="2024">`));
  });

  it("shows only the caller's details, never the wall clock", () => {
    const a = build();
    assert.equal(a, build());
    assert.ok(a.includes("<dt>run date</dt><dd>2024-04-01</dd>"));
  });

  it("inlines the real Chart.js bundle and its own script, and fetches nothing", () => {
    const html = buildDashboard(sampleViews(), { title: "KPIs" });
    assert.ok(html.includes("Chart.js v4.6.1"));
    assert.ok(html.includes("function pageScript()"));
    assert.ok(html.includes(`content="default-src 'none'; script-src 'unsafe-inline'`));
    assert.ok(!/<(script|link|img)[^>]+(src|href)=/i.test(html), "no external resources");
  });

  it("fails naming a missing view, a bad period or a malformed value", () => {
    const rest: Record<string, unknown> = sampleViews();
    delete rest.kpi_by_facility;
    assert.throws(() => build(rest), /no kpi_by_facility view/);
    const badPeriod = sampleViews();
    badPeriod.kpi_by_period[2].period = "2024-13x";
    assert.throws(() => build(badPeriod), /kpi_by_period row 3: period "2024-13x" is not a month/);
    const badValue = sampleViews();
    badValue.kpi_by_period[1].infection_rate = "high";
    assert.throws(
      () => build(badValue),
      /kpi_by_period row 2: column infection_rate must be a number or null, got "high"/,
    );
    assert.throws(() => viewRows({ kpi_by_period: [1] }, "kpi_by_period"), /kpi_by_period row 1 is not an object/);
  });
});

describe("dashboard escaping helpers", () => {
  it("scriptJson cannot close its script element and parses back unchanged", () => {
    const value = { a: "</script><!-- & \u2028" };
    const text = scriptJson(value);
    assert.ok(!text.includes("<") && !text.includes(">") && !text.includes("&"));
    assert.deepEqual(JSON.parse(text), value);
  });

  it("inlineScript neutralises a closing script tag and comment openers", () => {
    assert.equal(inlineScript(`var s = "</script><!--";`), String.raw`var s = "<\/script><\!--";`);
  });

  it("cellOf reads the suppression flag before the value and scales rates to percentages", () => {
    const kpi = KPIS[0];
    assert.equal(cellOf(kpi, { infection_rate: 0.5, infection_rate_suppressed: true }, "r"), "suppressed");
    assert.equal(cellOf(kpi, { infection_rate: 0.5, infection_rate_suppressed: false }, "r"), 50);
    assert.equal(cellOf(kpi, { infection_rate: null }, "r"), null);
  });
});
