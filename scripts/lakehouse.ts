import * as path from "path";
import { parseOptions, prepareOut } from "./lakehouse/options";
import { dashboard, generate, pipeline } from "./lakehouse/steps";
import { printReport } from "./lakehouse/report";

// `npm run lakehouse`: the whole pipeline on this machine, no AWS account.
function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const kept = prepareOut(options.out, options.fresh);
  console.log(kept ? `lakehouse: updating the lake in ${options.out}` : `lakehouse: a new lake in ${options.out}`);
  const raw = options.input ?? path.join(options.out, "raw");
  const seconds: Record<string, number> = {};
  if (!options.input) seconds.generate = generate(raw, options.patients, options.seed, options.changes);
  seconds.pipeline = pipeline(raw, options.out, options.fullRefresh);
  const source = options.input
    ? `files in ${options.input}`
    : `${options.patients} generated patients (seed ${options.seed})`;
  const runDate = new Date().toISOString().slice(0, 10);
  seconds.dashboard = dashboard(
    path.join(options.out, "export", "views.json"),
    path.join(options.out, "dashboard.html"),
    source,
    runDate,
  );
  printReport(options.out, seconds);
}

try {
  main();
} catch (err) {
  console.error(`lakehouse: ${(err as Error).message}`);
  process.exit(1);
}
