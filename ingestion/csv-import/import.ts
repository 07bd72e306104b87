/**
 * One import run: every register table given is checked (mapping, files, headers) before anything is written,
 * then read row by row in IMPORT_TYPES order; each row becomes one resource or one line of rejects.csv, and the
 * manifest's counts add up (rows read = resources written + rows rejected).
 */
import * as fs from "fs";
import * as path from "path";
import { IMPORT_TYPES, ImportType } from "./elements";
import { CompiledTable, Mapping, checkHeader } from "./mapping";
import { IdRegistry } from "./references";
import { RegisterFileError, RegisterRow } from "./register-row";
import { readCsvRows } from "./read-csv";
import { readXlsxRows } from "./read-xlsx";
import { RowContext, convertRow } from "./rows";
import { RunOutput, newRunId } from "./output";
import { ImportManifest, TableCounts, buildManifest } from "./manifest";

/** What to import and where. */
export interface ImportOptions {
  readonly mapping: Mapping;
  /** Register files; each must be named (by base name) by a table of the mapping. */
  readonly files: readonly string[];
  /** Output root: data goes to `<out>/fhir/<source>/<yyyy>/<mm>/<dd>/`. */
  readonly out: string;
  readonly source: string;
  /** The import's clock (default: now): the run id, the date folder, meta.lastUpdated, the future-date limit. */
  readonly now?: Date;
  /** Run id (default: newRunId(now)). */
  readonly run?: string;
  /** Add the KPI totals of the written data to the manifest (ingestion/kpi; reads the output back). */
  readonly kpiTotals?: boolean;
}

/** A table to read, with its file. */
interface Job {
  readonly table: CompiledTable;
  readonly file: string;
}

function rowsOf(j: Job): AsyncGenerator<RegisterRow> {
  const s = j.table.spec;
  return s.sheet === undefined ? readCsvRows(j.file, s.delimiter) : readXlsxRows(j.file, s.sheet);
}

/** Pairs each file with its tables, in import order; a file no table names is an error. */
function plan(m: Mapping, files: readonly string[]): Job[] {
  const jobs: Job[] = [];
  for (const file of files) {
    const tables = m.tables.filter((t) => t.spec.file === path.basename(file));
    if (tables.length === 0)
      throw new Error(`${path.basename(file)} is named by no table of the mapping ${m.file} (tables: file)`);
    jobs.push(...tables.map((table) => ({ table, file })));
  }
  const rank = (j: Job): number => IMPORT_TYPES.indexOf(j.table.spec.resourceType);
  return jobs.sort((a, b) => rank(a) - rank(b));
}

/** The header of each job, checked against the mapping (before any output). */
async function headers(m: Mapping, jobs: readonly Job[]): Promise<string[][]> {
  const out: string[][] = [];
  for (const j of jobs) {
    let header: string[] | undefined;
    for await (const r of rowsOf(j)) {
      header = r.cells.map((c) => (c === undefined ? "" : String(c).trim()));
      break;
    }
    const where = j.table.spec.sheet === undefined ? "" : ` sheet '${j.table.spec.sheet}'`;
    if (!header) throw new RegisterFileError(path.basename(j.file), `${where.trim() || "file"} has no header row`);
    checkHeader(m, j.table, header);
    out.push(header);
  }
  return out;
}

async function importTable(j: Job, ctx: RowContext, out: RunOutput): Promise<TableCounts> {
  const s = j.table.spec;
  const counts: TableCounts = { file: s.file, sheet: s.sheet, resourceType: s.resourceType, rowsRead: 0, written: 0 };
  const rejected: Record<string, number> = {};
  let first = true;
  for await (const r of rowsOf(j)) {
    if (first) {
      first = false;
      continue;
    }
    counts.rowsRead++;
    const res = convertRow(ctx, r.cells);
    if ("resource" in res) {
      await out.writeResource(res.resource);
      counts.written++;
      continue;
    }
    const p = res.problem;
    const column = j.table.fields.find((f) => f.name === p.field)?.spec.column ?? "";
    await out.writeReject([s.file, s.sheet ?? "", r.row, p.field, column, p.reason, p.detail]);
    rejected[p.reason] = (rejected[p.reason] ?? 0) + 1;
  }
  return { ...counts, rejected };
}

/** Runs the import; returns the manifest (also written to `_<run>/manifest.json`). */
export async function importRegisters(o: ImportOptions): Promise<ImportManifest> {
  const jobs = plan(o.mapping, o.files);
  for (const j of jobs) if (!fs.existsSync(j.file)) throw new RegisterFileError(j.file, "no such file");
  const heads = await headers(o.mapping, jobs);
  const now = o.now ?? new Date();
  const run = o.run ?? newRunId(now);
  const out = new RunOutput(o.out, o.source, now.toISOString().slice(0, 10), run);
  const registry = new IdRegistry(jobs.map((j) => j.table.spec.resourceType as ImportType));
  const lastUpdated = now.toISOString().replace(/\.\d+Z$/, "Z");
  const tables: TableCounts[] = [];
  try {
    await out.begin();
    for (const [i, j] of jobs.entries()) {
      const ctx: RowContext = {
        table: j.table,
        columns: new Map(heads[i].map((h, k) => [h, k])),
        width: heads[i].length,
        strictWidth: j.table.spec.sheet === undefined,
        registry,
        utcOffset: o.mapping.utcOffset,
        nowMs: now.getTime(),
        lastUpdated,
      };
      tables.push(await importTable(j, ctx, out));
    }
    await out.close();
    const manifest = buildManifest({
      source: o.source,
      mappingFile: o.mapping.file,
      kpiTotals: o.kpiTotals ?? false,
      run,
      now,
      tables,
      out,
    });
    await out.writeManifest(manifest);
    return manifest;
  } catch (err) {
    await out.abort();
    throw err;
  }
}
