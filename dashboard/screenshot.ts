/**
 * CLI: `ts-node dashboard/screenshot.ts --html <dashboard.html> --png <file.png>`: opens the page in headless
 * Chromium, fails (exit 1) on any console error, network request or blank chart, and saves a full-page screenshot.
 */
import { Command } from "commander";
import { launch, openDashboard, reportProblems } from "./browser-check";

async function main(argv: string[]): Promise<void> {
  const opts = new Command()
    .name("dashboard-screenshot")
    .requiredOption("--html <file>", "the dashboard page")
    .requiredOption("--png <file>", "where to save the full-page screenshot")
    .parse(argv, { from: "user" })
    .opts<{ html: string; png: string }>();
  const browser = await launch();
  try {
    const report = await openDashboard(browser, opts.html);
    await report.page.screenshot({ path: opts.png, fullPage: true });
    const problems = reportProblems(report);
    if (problems.length > 0) throw new Error(`${opts.html}:\n  ${problems.join("\n  ")}`);
    console.log(`dashboard: ${report.canvases.length} charts drawn, screenshot ${opts.png}`);
  } finally {
    await browser.close();
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`dashboard-screenshot: ${err.message}`);
  process.exit(1);
});
