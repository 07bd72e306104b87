/**
 * The manifest of one import run (`_<run>/manifest.json`, format in docs/import-csv.md): rows read, resources
 * written per type, rows rejected per reason, per table and in total, and optionally the KPI totals of what was
 * written, computed by the independent engine (ingestion/kpi) over the run's own data files.
 */
import * as fs from "fs";
import * as path from "path";
import { computeKpiSums } from "../kpi/compute";
import { KpiTotals, totalsOf } from "../kpi/kpi-totals";
import { PrevalenceTotals, computePrevalenceSums, prevalenceTotals } from "../kpi/prevalence";
import { readFiles } from "../kpi/read-files";
import { RunOutput, runFolder } from "./output";

/** Counts of one table. */
export interface TableCounts {
  readonly file: string;
  readonly sheet?: string;
  /** The type it produces; `A+B+...` for a table of several outputs. */
  readonly resourceType: string;
  rowsRead: number;
  /** Rows imported whole: each wrote its resources or repeated ones an earlier row wrote. */
  rowsMapped: number;
  /** Resources written per type. */
  written: Record<string, number>;
  /** Rows per type whose resource repeated one already written (not written again). */
  repeated?: Record<string, number>;
  rejected?: Record<string, number>;
}

/**
 * The manifest. Counts add up: rowsRead = rowsMapped + sum(rejected); for a table of one type that does not
 * repeat, rowsMapped = its resources written.
 */
export interface ImportManifest {
  readonly importer: string;
  readonly run: string;
  readonly source: string;
  readonly startedAt: string;
  readonly mapping: string;
  readonly folder: string;
  readonly dataFiles: readonly string[];
  readonly rowsRead: number;
  readonly rowsMapped: number;
  readonly written: Record<string, number>;
  readonly repeated: Record<string, number>;
  readonly rejected: Record<string, number>;
  readonly tables: readonly TableCounts[];
  readonly kpiTotals?: KpiTotals;
  readonly lengthOfStayDaysSum?: number;
  readonly prevalenceTotals?: PrevalenceTotals;
}

function add(into: Record<string, number>, key: string, n: number): void {
  if (n > 0) into[key] = (into[key] ?? 0) + n;
}

/** KPI totals of the run's data files, read as bronze would read them. */
function kpiOf(out: RunOutput): Pick<ImportManifest, "kpiTotals" | "lengthOfStayDaysSum" | "prevalenceTotals"> {
  const files = out.dataFiles().map((f) => ({ name: f, content: fs.readFileSync(path.join(out.dataDir, f)) }));
  const { versions, deletes } = readFiles(files);
  const kpi = computeKpiSums(versions, deletes);
  return {
    kpiTotals: totalsOf(kpi),
    lengthOfStayDaysSum: Math.round(kpi.length_of_stay_days_sum * 1e6) / 1e6,
    prevalenceTotals: prevalenceTotals(computePrevalenceSums(versions, deletes)),
  };
}

/** Builds the manifest of a finished run. */
export function buildManifest(r: {
  source: string;
  mappingFile: string;
  kpiTotals: boolean;
  run: string;
  now: Date;
  tables: readonly TableCounts[];
  out: RunOutput;
}): ImportManifest {
  const written: Record<string, number> = {};
  const rejected: Record<string, number> = {};
  const repeated: Record<string, number> = {};
  for (const t of r.tables) {
    for (const [type, n] of Object.entries(t.written)) add(written, type, n);
    for (const [type, n] of Object.entries(t.repeated ?? {})) add(repeated, type, n);
    for (const [reason, n] of Object.entries(t.rejected ?? {})) add(rejected, reason, n);
  }
  return {
    importer: "fhir-lakehouse import-csv 1",
    run: r.run,
    source: r.source,
    startedAt: r.now.toISOString(),
    mapping: path.basename(r.mappingFile),
    folder: runFolder(r.source, r.now.toISOString().slice(0, 10)).split(path.sep).join("/"),
    dataFiles: r.out.dataFiles(),
    rowsRead: r.tables.reduce((n, t) => n + t.rowsRead, 0),
    rowsMapped: r.tables.reduce((n, t) => n + t.rowsMapped, 0),
    written,
    repeated,
    rejected,
    tables: r.tables,
    ...(r.kpiTotals ? kpiOf(r.out) : {}),
  };
}
