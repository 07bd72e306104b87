import * as assert from "assert";
import { buildDashboard, viewRows } from "../../dashboard/build-dashboard";
import { escapeHtml, inlineScript, scriptJson } from "../../dashboard/html";
import { KPIS, pointOf } from "../../dashboard/kpis";
import { HOSTILE_REGION, sampleViews } from "./fixtures";

const STUB_CHART = "window.Chart = function () {};";

function build(views = sampleViews(), title = "KPIs"): string {
  return buildDashboard(views, {
    title,
    details: { source: "test <fixture>", "run date": "2024-04-01" },
    chartJsSource: STUB_CHART,
  });
}

/** The chart specs embedded in the page, parsed back. */
function specs(html: string): {
  canvasId: string;
  config: { type: string; data: { labels: string[]; datasets: { data: (number | null)[] }[] } };
}[] {
  const match = /<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match, "chart specs script present");
  return JSON.parse(match[1]);
}

describe("dashboard page", () => {
  it("escapes the title, details and region names so no markup gets through", () => {
    const html = build(sampleViews(), `A & B <i>`);
    assert.ok(html.includes("<title>A &amp; B &lt;i&gt;</title>"));
    assert.ok(html.includes("<dd>test &lt;fixture&gt;</dd>"));
    assert.ok(html.includes(escapeHtml(HOSTILE_REGION)));
    assert.ok(!html.includes(`<script>alert("x")</script>`), "raw hostile markup must not appear");
  });

  it("embeds the data: a line over months and bars by region per KPI, rates as percentages", () => {
    const charts = specs(build());
    assert.deepEqual(
      charts.map((c) => c.canvasId),
      KPIS.flatMap((k) => [`chart-${k.column}-by-month`, `chart-${k.column}-by-region`]),
    );
    const infection = charts[0];
    assert.equal(infection.config.type, "line");
    assert.deepEqual(infection.config.data.labels, ["2024-01", "2024-02", "2024-03"]);
    assert.deepEqual(infection.config.data.datasets[0].data, [12.5, 10, 10]);
    assert.equal(charts[1].config.type, "bar");
    assert.deepEqual(charts[1].config.data.labels, ["US/Massachusetts", HOSTILE_REGION]);
  });

  it("draws suppressed and empty values as gaps (null), never as 0, with a note", () => {
    const html = build();
    const mortality = specs(html).find((c) => c.canvasId === "chart-mortality_rate-by-month")!;
    assert.deepEqual(mortality.config.data.datasets[0].data, [10, null, null]);
    assert.ok(
      html.includes(
        "1 month(s) suppressed (denominator 1 to 10, the rule of eleven): " +
          "shown as gaps; 1 month(s) with no data (denominator 0): shown as gaps",
      ),
    );
    assert.ok(
      html.includes(`<tr class="suppressed"><th scope="row">2024-02</th><td>suppressed (fewer than 11)</td></tr>`),
    );
    assert.ok(html.includes(`<tr class="none"><th scope="row">2024-03</th><td>no data</td></tr>`));
  });

  it("gives every chart an accessible data table with a caption and scoped headers", () => {
    const html = build();
    assert.equal((html.match(/<canvas /g) ?? []).length, 10);
    assert.equal((html.match(/<table>/g) ?? []).length, 10);
    assert.ok(html.includes(`<caption>Infection rate by month</caption>`));
    assert.ok(html.includes(`<tr class="value"><th scope="row">2024-01</th><td>12.5%</td></tr>`));
    assert.ok(html.includes(`<th scope="row">2024-01</th><td>4.25</td>`));
  });

  it("shows only the caller's details, never the wall clock", () => {
    const a = build();
    const b = build();
    assert.equal(a, b);
    assert.ok(a.includes("<dt>run date</dt><dd>2024-04-01</dd>"));
  });

  it("inlines the real Chart.js bundle and fetches nothing", () => {
    const html = buildDashboard(sampleViews(), { title: "KPIs" });
    assert.ok(html.includes("Chart.js v4.6.1"));
    assert.ok(html.includes(`content="default-src 'none'; script-src 'unsafe-inline'`));
    assert.ok(!/<(script|link|img)[^>]+(src|href)=/i.test(html), "no external resources");
  });

  it("fails naming a missing view or a malformed value", () => {
    assert.throws(
      () => buildDashboard({ kpi_by_month: [] }, { title: "t", chartJsSource: STUB_CHART }),
      /no kpi_by_region view/,
    );
    const views = sampleViews();
    views.kpi_by_month[1].infection_rate = "high";
    assert.throws(() => build(views), /kpi_by_month row 2: column infection_rate must be a number or null, got "high"/);
    assert.throws(() => viewRows({ kpi_by_month: [1] }, "kpi_by_month"), /kpi_by_month row 1 is not an object/);
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

  it("pointOf reads the suppression flag before the value", () => {
    const kpi = KPIS[0];
    assert.deepEqual(pointOf(kpi, { infection_rate: 0.5, infection_rate_suppressed: true }, "r"), {
      kind: "suppressed",
    });
    assert.deepEqual(pointOf(kpi, { infection_rate: 0.5, infection_rate_suppressed: false }, "r"), {
      kind: "value",
      value: 50,
    });
  });
});
