/**
 * The TypeScript KPI engine over a folder of raw FHIR files: prints, as JSON, the KPI totals and the
 * condition_prevalence rows of docs/kpis.md, computed without Spark or any lake. A check of gold that shares none
 * of its code: the acceptance suite compares the two on the Synthea sample.
 *
 * Usage: ts-node --transpile-only ingestion/kpi/cli.ts DIR
 */
import * as fs from "fs";
import * as path from "path";
import DATA_FILES from "../../glue-jobs/lakehouse/data/data_files.json";
import { computeKpiSums } from "./compute";
import { totalsOf } from "./kpi-totals";
import { computePrevalenceSums, prevalenceRows } from "./prevalence";
import { RawFile, readFiles } from "./read-files";

/** Data files below `root` (a segment starting with an ignored prefix is metadata, as bronze lists). */
function dataFiles(root: string): RawFile[] {
  const out: RawFile[] = [];
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const segments = path.relative(root, full).split(path.sep);
    if (segments.some((s) => DATA_FILES.ignoredPrefixes.some((p) => s.startsWith(p)))) continue;
    out.push({ name: full, content: fs.readFileSync(full) });
  }
  return out;
}

function main(): void {
  const dir = process.argv[2];
  if (!dir || !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new Error("usage: ts-node ingestion/kpi/cli.ts DIR (a folder of raw FHIR files)");
  const { versions, deletes } = readFiles(dataFiles(dir));
  const kpiTotals = totalsOf(computeKpiSums(versions, deletes));
  const prevalence = prevalenceRows(computePrevalenceSums(versions, deletes));
  process.stdout.write(JSON.stringify({ kpiTotals, prevalence }) + "\n");
}

main();
