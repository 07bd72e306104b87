/**
 * One import run: every register table given is checked (mapping, files, headers) before anything is written,
 * then read row by row in IMPORT_TYPES order; each row becomes its resources (one per output of its table, a
 * repeat of one already written is not written again) or one line of rejects.csv, and the manifest's counts add
 * up (rows read = rows mapped + rows rejected).
 */
import * as fs from "fs";
import * as path from "path";
import { IMPORT_TYPES } from "./elements";
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

/** true when a table's `file` names a register: its base name, or `*.csv` / `*.xlsx` for any such file (any case). */
function namesFile(pattern: string, base: string): boolean {
  return pattern.startsWith("*.") ? base.toLowerCase().endsWith(pattern.slice(1)) : pattern === base;
}

/** Pairs each file with its tables, in import order; a file no table names is an error. */
function plan(m: Mapping, files: readonly string[]): Job[] {
  const jobs: Job[] = [];
  for (const file of files) {
    const tables = m.tables.filter((t) => namesFile(t.spec.file, path.basename(file)));
    if (tables.length === 0)
      throw new Error(`${path.basename(file)} is named by no table of the mapping ${m.file} (tables: file)`);
    jobs.push(...tables.map((table) => ({ table, file })));
  }
  const rank = (j: Job): number => IMPORT_TYPES.indexOf(j.table.outputs[0].resourceType);
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
    checkHeader(m, j.table, header, path.basename(j.file));
    out.push(header);
  }
  return out;
}

const bump = (o: Record<string, number>, k: string): void => {
  o[k] = (o[k] ?? 0) + 1;
};

async function importTable(j: Job, ctx: RowContext, out: RunOutput): Promise<TableCounts> {
  const s = j.table.spec;
  const file = path.basename(j.file);
  const types = j.table.outputs.map((o) => o.resourceType).join("+");
  const counts: TableCounts = { file, sheet: s.sheet, resourceType: types, rowsRead: 0, rowsMapped: 0, written: {} };
  const rejected: Record<string, number> = {};
  const repeated: Record<string, number> = {};
  let first = true;
  for await (const r of rowsOf(j)) {
    if (first) {
      first = false;
      continue;
    }
    counts.rowsRead++;
    const res = convertRow(ctx, r.cells);
    if ("resources" in res) {
      counts.rowsMapped++;
      for (const resource of res.resources) {
        await out.writeResource(resource);
        bump(counts.written, String(resource.resourceType));
      }
      for (const t of res.repeated) bump(repeated, t);
      continue;
    }
    const p = res.problem;
    await out.writeReject([file, s.sheet ?? "", r.row, p.field, res.column, p.reason, p.detail]);
    bump(rejected, p.reason);
  }
  return { ...counts, repeated, rejected };
}

/** Runs the import; returns the manifest (also written to `_<run>/manifest.json`). */
export async function importRegisters(o: ImportOptions): Promise<ImportManifest> {
  const jobs = plan(o.mapping, o.files);
  for (const j of jobs) if (!fs.existsSync(j.file)) throw new RegisterFileError(j.file, "no such file");
  const heads = await headers(o.mapping, jobs);
  const now = o.now ?? new Date();
  const run = o.run ?? newRunId(now);
  const out = new RunOutput(o.out, o.source, now.toISOString().slice(0, 10), run);
  const registry = new IdRegistry(jobs.flatMap((j) => j.table.outputs.map((o) => o.resourceType)));
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
