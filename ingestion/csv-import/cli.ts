/**
 * `npm run import-csv -- [--mapping MAPPING.json] [--source NAME] (--out DIR | --bucket s3://bucket/prefix)
 * (--input FILE)... [FILE...]` (docs/import-csv.md): CSV and XLSX registers to FHIR R4 NDJSON the lakehouse
 * ingests like any feed. Without --mapping, the bundled mapping of the flat template.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Command, InvalidArgumentError } from "commander";
import { UploadFlags, addUploadFlags, checkOutOrBucket, checkSource, peakRssMb, runCli } from "../cli/common";
import { uploadFolder } from "../upload/uploader";
import { flatTemplateMapping, loadMapping } from "./mapping";
import { importRegisters } from "./import";
import { ImportManifest } from "./manifest";

/** Parsed command line. */
export interface ImportCliOptions extends UploadFlags {
  mapping?: string;
  source?: string;
  input: string[];
  out?: string;
  run?: string;
  kpiTotals: boolean;
}

const collect = (v: string, all: string[]): string[] => [...all, v];

/** The default --source: the first file's base name without extension, other characters than A-Z a-z 0-9 . _ - as -. */
export function defaultSource(file: string): string {
  return path
    .basename(file)
    .replace(/\.(csv|xlsx)$/i, "")
    .replace(/[^A-Za-z0-9._-]/g, "-");
}

function program(): Command {
  const p = new Command("import-csv")
    .description("CSV and XLSX registers to FHIR R4 NDJSON, every row written or rejected (docs/import-csv.md).")
    .argument("[files...]", "register files (.csv, .xlsx), each named by a table of the mapping")
    .option("--input <file>", "a register file (repeatable), as the positional files", collect, [])
    .option(
      "--mapping <file>",
      "mapping JSON (default: the flat template's, ingestion/csv-import/flat-template.mapping.json)",
    )
    .option("--source <name>", "source name: <out>/fhir/<source>/<yyyy>/<mm>/<dd>/ (default: the first file's name)")
    .option("--out <dir>", "output root (required unless --bucket)")
    .option("--run <id>", "run id instead of <UTC time>-<random> (a run id already used is refused)")
    .option("--no-kpi-totals", "leave the KPI totals out of the manifest (they read the output back)");
  return addUploadFlags(p, "upload to s3://bucket/prefix (keys <prefix>/raw/fhir/<source>/...)")
    .showHelpAfterError()
    .exitOverride();
}

function summary(m: ImportManifest, secs: number): string {
  const written = Object.values(m.written).reduce((a, b) => a + b, 0);
  const rejected = Object.entries(m.rejected).map(([r, n]) => `${r} ${n}`);
  const nRejected = Object.values(m.rejected).reduce((a, b) => a + b, 0);
  return (
    `Imported ${m.rowsRead} rows in ${secs.toFixed(2)} s (${Math.round(m.rowsRead / secs)} rows/s, ` +
    `peak RSS ${peakRssMb().toFixed(0)} MB): ${written} resources written ` +
    `(${
      Object.entries(m.written)
        .map(([t, n]) => `${t} ${n}`)
        .join(", ") || "none"
    }), ` +
    `${m.rowsMapped} rows mapped, ${nRejected} rows rejected${rejected.length > 0 ? ` (${rejected.join(", ")})` : ""}\n`
  );
}

async function main(argv: readonly string[]): Promise<void> {
  const cmd = program();
  cmd.parse([...argv], { from: "user" });
  const o = cmd.opts<ImportCliOptions>();
  checkOutOrBucket(o);
  const files = [...o.input, ...cmd.args];
  if (files.length === 0)
    throw new InvalidArgumentError("Give the register files: --input FILE (repeatable) or FILE...");
  const source = o.source ?? defaultSource(files[0]);
  checkSource(source);
  if (o.run !== undefined && !/^[A-Za-z0-9._-]+$/.test(o.run)) throw new Error(`--run must be letters, digits, . _ -`);
  const mapping = o.mapping === undefined ? flatTemplateMapping() : loadMapping(o.mapping);
  const out = o.out ?? fs.mkdtempSync(path.join(os.tmpdir(), "import-csv-"));
  const started = process.hrtime.bigint();
  const m = await importRegisters({
    mapping,
    files,
    out,
    source,
    run: o.run,
    kpiTotals: o.kpiTotals,
  });
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(summary(m, secs));
  process.stderr.write(`Data in ${path.join(out, m.folder)}, rejects and manifest in _${m.run}/\n`);
  if (o.bucket) {
    // Only this run's files: other runs of the same day may sit in the folder.
    const mine = (f: string): boolean => m.dataFiles.includes(f) || f.startsWith(`_${m.run}${path.sep}`);
    const day = m.startedAt.slice(0, 10);
    const s = await uploadFolder(path.join(out, m.folder), {
      ...o,
      source,
      bucket: o.bucket,
      referenceDate: day,
      include: mine,
    });
    process.stderr.write(`Uploaded ${s.objects} objects (${s.bytes} bytes, ${s.retries} retries) to ${s.target}\n`);
    if (!o.out) fs.rmSync(out, { recursive: true, force: true });
  }
}

runCli("import-csv", () => main(process.argv.slice(2)));
