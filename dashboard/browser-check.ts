/**
 * Opens a dashboard file in headless Chromium (the system's /usr/bin/chromium) and reports what a reader would
 * see: console errors, network requests (there must be none), and per canvas whether Chart.js drew on it. Used
 * by the render test and by `dashboard/screenshot.ts`, which the acceptance suite runs over real lakes.
 */
import * as fs from "fs";
import { pathToFileURL } from "url";
import { Browser, Page, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
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

export interface CanvasReport {
  readonly id: string;
  readonly hasChart: boolean;
  readonly width: number;
  readonly painted: number;
}

export interface PageReport {
  readonly page: Page;
  readonly problems: string[];
  readonly requests: string[];
  readonly canvases: CanvasReport[];
}

// The few browser APIs the in-page function uses (the project compiles without the DOM library).
interface PageCanvas {
  id: string;
  width: number;
  height: number;
  getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<PageCanvas> };
  Chart: { getChart(canvas: PageCanvas | string): unknown };
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

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium\``);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Loads the file in a new page of `browser`, 1280 px wide, and reports on it. */
export async function openDashboard(browser: Browser, file: string): Promise<PageReport> {
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
  return { page, problems, requests, canvases: await page.evaluate(inspectCanvases) };
}

/** What is wrong with a report: errors, requests, canvases without a chart or with (almost) nothing drawn. */
export function reportProblems(report: PageReport, minPainted = 500): string[] {
  return [
    ...report.problems,
    ...report.requests.map((url) => `network request to ${url}`),
    ...(report.canvases.length === 0 ? ["no canvas on the page"] : []),
    ...report.canvases.flatMap((c) => [
      ...(c.hasChart ? [] : [`${c.id}: no Chart instance`]),
      ...(c.width > 0 && c.painted > minPainted ? [] : [`${c.id}: canvas looks blank (${c.painted} painted pixels)`]),
    ]),
  ];
}
