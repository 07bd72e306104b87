import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { Browser, chromium } from "playwright-core";
import { buildDashboard } from "../../dashboard/build-dashboard";
import { sampleViews } from "./fixtures";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface CanvasReport {
  id: string;
  hasChart: boolean;
  width: number;
  painted: number;
}

// The few browser APIs the in-page functions use (the project compiles without the DOM library).
interface PageCanvas {
  id: string;
  width: number;
  height: number;
  getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<PageCanvas> };
  Chart: { getChart(canvas: PageCanvas | string): { data: { datasets: { data: unknown[] }[] } } | undefined };
}

// Runs in the page: for each canvas, whether Chart.js owns it and how many pixels are not transparent.
function inspectCanvases(): CanvasReport[] {
  const page = globalThis as unknown as PageGlobals;
  return Array.from(page.document.querySelectorAll("canvas")).map((canvas) => {
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    return { id: canvas.id, hasChart: page.Chart.getChart(canvas) !== undefined, width: canvas.width, painted };
  });
}

describe("dashboard in headless Chromium", function () {
  this.timeout(120000);
  let browser: Browser;
  let dir: string;

  before(async () => {
    assert.ok(
      fs.existsSync(CHROMIUM),
      `${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium\` (CI installs it too)`,
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboard-"));
  });

  after(async () => {
    await browser?.close();
  });

  it("renders every chart from a file:// URL with no errors and no network, and saves a screenshot", async () => {
    const file = path.join(dir, "dashboard.html");
    fs.writeFileSync(file, buildDashboard(sampleViews(), { title: "KPIs", details: { source: "fixture" } }));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error" || msg.type() === "warning") problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("request", (req) => {
      if (!req.url().startsWith("file:")) requests.push(req.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const canvases = await page.evaluate(inspectCanvases);
    const screenshot = path.join(dir, "dashboard.png");
    await page.screenshot({ path: screenshot, fullPage: true });

    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    assert.equal(canvases.length, 10);
    for (const c of canvases) {
      assert.ok(c.hasChart, `${c.id}: no Chart instance`);
      assert.ok(c.width > 0 && c.painted > 500, `${c.id}: canvas looks blank (${c.painted} painted pixels)`);
    }
    assert.ok(fs.statSync(screenshot).size > 10000, `screenshot ${screenshot} is too small`);
    console.log(`      screenshot: ${screenshot}`);
  });

  it("keeps suppressed points as gaps in the drawn chart", async () => {
    const file = path.join(dir, "gaps.html");
    fs.writeFileSync(file, buildDashboard(sampleViews(), { title: "KPIs" }));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const data = await page.evaluate(
      () =>
        (globalThis as unknown as PageGlobals).Chart.getChart("chart-mortality_rate-by-month")?.data.datasets[0].data,
    );
    assert.deepEqual(data, [10, null, null]);
  });
});
