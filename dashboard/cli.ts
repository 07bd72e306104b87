/**
 * CLI: `ts-node dashboard/cli.ts --views <views.json> --out <dashboard.html> [--title ...] [--source ...] [--run-date
 * ...]`.
 */
import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { buildDashboard } from "./build-dashboard";

interface CliOptions {
  views: string;
  out: string;
  title: string;
  source?: string;
  runDate?: string;
}

/** Reads views.json; the error names the file. */
function readViews(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file}: cannot read the views JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new Error(`${file}: expected an object {view: [rows]}`);
  return parsed as Record<string, unknown>;
}

/** Parses the arguments, builds the page and writes it; returns the output path. */
export function main(argv: string[]): string {
  const opts = new Command()
    .name("build-dashboard")
    .requiredOption("--views <file>", "views.json written by the publish step (export/views.json)")
    .requiredOption("--out <file>", "the HTML file to write")
    .option("--title <text>", "page title", "FHIR lakehouse KPIs")
    .option("--source <text>", "where the data came from, shown under the title")
    .option("--run-date <text>", "the run's date, shown under the title (given by the caller, not read from the clock)")
    .exitOverride()
    .parse(argv, { from: "user" })
    .opts<CliOptions>();
  const details: Record<string, string> = {};
  if (opts.source) details.source = opts.source;
  if (opts.runDate) details["run date"] = opts.runDate;
  details.views = path.basename(opts.views);
  const views = readViews(opts.views);
  let html: string;
  try {
    html = buildDashboard(views, { title: opts.title, details });
  } catch (err) {
    throw new Error(`${opts.views}: ${(err as Error).message}`);
  }
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  fs.writeFileSync(opts.out, html, "utf8");
  return opts.out;
}

if (require.main === module) {
  try {
    const out = main(process.argv.slice(2));
    console.log(`dashboard: wrote ${out}`);
  } catch (err) {
    console.error(`dashboard: ${(err as Error).message}`);
    process.exit(1);
  }
}
