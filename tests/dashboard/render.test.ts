import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Browser, Page } from "playwright-core";
import { launch, openDashboard, reportProblems } from "../../dashboard/browser-check";
import { buildDashboard } from "../../dashboard/build-dashboard";
import { KPIS } from "../../dashboard/kpis";
import { HOSTILE_REGION, sampleViews } from "./fixtures";

interface ChartData {
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}
// The page's globals the checks read (the project compiles without the DOM library).
interface PageGlobals {
  Chart: { getChart(id: string): { data: ChartData } | undefined };
  document: { getElementById(id: string): { textContent: string; rows?: ArrayLike<unknown> } | null };
}

const chartData = (page: Page, id: string): Promise<ChartData | undefined> =>
  page.evaluate((canvasId) => {
    const chart = (globalThis as unknown as PageGlobals).Chart.getChart(canvasId);
    // A plain copy: Chart.js's data objects are proxies.
    return chart && JSON.parse(JSON.stringify(chart.data));
  }, id);
const text = (page: Page, id: string): Promise<string> =>
  page.evaluate((el) => (globalThis as unknown as PageGlobals).document.getElementById(el)?.textContent ?? "", id);

describe("dashboard in headless Chromium", function () {
  this.timeout(120000);
  let browser: Browser;
  let dir: string;
  let file: string;

  before(async () => {
    browser = await launch();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboard-"));
    file = path.join(dir, "dashboard.html");
    fs.writeFileSync(file, buildDashboard(sampleViews(), { title: "KPIs", details: { source: "fixture" } }));
  });

  after(async () => {
    await browser?.close();
  });

  it("draws every chart from a file:// URL with no errors and no network, and saves a screenshot", async () => {
    const report = await openDashboard(browser, file);
    const screenshot = path.join(dir, "dashboard.png");
    await report.page.screenshot({ path: screenshot, fullPage: true });
    assert.deepEqual(reportProblems(report), []);
    assert.equal(report.canvases.length, KPIS.length * 2 + 2);
    assert.ok(fs.statSync(screenshot).size > 10000, `screenshot ${screenshot} is too small`);
    console.log(`      screenshot: ${screenshot}`);
  });

  it("marks suppressed months with a cross on the axis and leaves no-data months as gaps", async () => {
    const { page } = await openDashboard(browser, file);
    const data = await chartData(page, "chart-mortality_rate-over-time");
    assert.deepEqual(data?.labels, ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]);
    assert.deepEqual(data?.datasets[0].data, [10, null, null, null, 10]);
    assert.deepEqual(data?.datasets[1].data, [null, 0, null, null, null]);
    assert.equal(data?.datasets[1].label, "suppressed (fewer than 11)");
    assert.match(await text(page, "note-mortality_rate-over-time"), /1 month\(s\) suppressed .*; 2 month\(s\) with no/);
    assert.match(await text(page, "table-mortality_rate-over-time"), /2024-02suppressed \(fewer than 11\)/);
  });

  it("switches the time grain and the region, and filters the facility table", async () => {
    const { page } = await openDashboard(browser, file);
    await page.selectOption("#grain", "year");
    let data = await chartData(page, "chart-infection_rate-over-time");
    assert.deepEqual([data?.labels, data?.datasets[0].data], [["2024"], [10.5]]);
    assert.equal(await text(page, "caption-infection_rate-over-time"), "Infection rate by year, all regions");
    await page.selectOption("#grain", "month");
    await page.selectOption("#region", "US/Massachusetts");
    data = await chartData(page, "chart-infection_rate-over-time");
    assert.deepEqual(data?.datasets[0].data, [20, null, null, null, null]);
    const facilities = await text(page, "table-facilities");
    assert.ok(facilities.includes("general") && facilities.includes("small-clinic"), facilities);
    assert.ok(!facilities.includes("north"), "a facility of another region is listed");
    await page.selectOption("#region", HOSTILE_REGION);
    assert.ok((await text(page, "table-facilities")).includes("north"));
  });

  it("shows the top conditions of the region and year, suppressed ones counted, and new cases over years", async () => {
    const { page } = await openDashboard(browser, file);
    const top = await chartData(page, "chart-prevalence-top");
    assert.deepEqual(top?.labels, ["Hypertension (38341003)", "Diabetes (44054006)"]);
    assert.deepEqual(top?.datasets[0].data, [24, 11]);
    assert.match(await text(page, "note-prevalence-top"), /^1 condition\(s\) suppressed/);
    assert.match(await text(page, "table-prevalence"), /COVID-19 \(840539006\)suppressed \(fewer than 11\)/);
    const cases = await chartData(page, "chart-prevalence-new-cases");
    assert.deepEqual(cases?.labels, ["2023", "2024"]);
    assert.deepEqual(
      cases?.datasets.map((d) => [d.label, d.data]),
      [
        ["Hypertension (38341003)", [null, 30]],
        ["Diabetes (44054006)", [8, 15]],
      ],
    );
    await page.selectOption("#prev-year", "2023");
    assert.deepEqual((await chartData(page, "chart-prevalence-top"))?.labels, ["Diabetes (44054006)"]);
  });
});
