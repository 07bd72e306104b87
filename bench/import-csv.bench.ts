/**
 * Benchmark of `import-csv` as users run it (`node scripts/import-csv.js`, compiled): rows/s and peak RSS for
 * CSV registers of ~50k and ~200k rows and XLSX workbooks of ~12k and ~50k rows (patients, admissions,
 * diagnoses in the ratio 1 : 2 : 1), so a flat peak RSS across sizes shows the import streams; and the flat
 * template (one CSV, one row per encounter diagnosis, the bundled mapping: no --mapping) at ~50k and ~200k rows,
 * 3 rows per patient (an inpatient stay with two diagnoses, a visit with none).
 *
 * Each run is a fresh process writing into a fresh folder; figures come from the CLI's own summary line (its
 * seconds cover reading, converting, validating and writing; "process s" adds Node start-up and the esbuild
 * compile). The KPI totals are left out of the manifest (--no-kpi-totals): they read the output back whole.
 *
 * Usage: npx ts-node --transpile-only bench/import-csv.bench.ts [csvRows xlsxRows flatRows]
 * (default 200000 50000 200000)
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import MAPPING from "./import-csv.mapping.json";

const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "scripts", "import-csv.js");
const SUMMARY = /Imported (\d+) rows in ([\d.]+) s \((\d+) rows\/s, peak RSS (\d+) MB\): (\d+) resources written/;

const HEADERS = {
  patients: ["patient_no", "sex", "dob", "county"],
  admissions: ["adm_no", "patient_no", "type", "admitted", "discharged", "outcome"],
  diagnoses: ["dx_no", "patient_no", "adm_no", "icd10", "onset"],
};

/** The rows of each table for `n` patients (4n rows in all); deterministic. */
function* tableRows(table: keyof typeof HEADERS, n: number): Generator<string[]> {
  const day = (i: number): string =>
    `${String((i % 28) + 1).padStart(2, "0")}/${String((i % 12) + 1).padStart(2, "0")}`;
  for (let i = 0; i < n; i++) {
    if (table === "patients") yield [`p${i}`, i % 2 ? "M" : "F", `${day(i)}/19${50 + (i % 50)}`, "Nairobi"];
    else if (table === "admissions")
      for (const k of [0, 1]) {
        const d = day(i + k * 7);
        yield [`e${i}-${k}`, `p${i}`, k ? "outpatient" : "inpatient", `${d}/2024 08:00`, `${d}/2024 17:30`, "home"];
      }
    else yield [`c${i}`, `p${i}`, `e${i}-0`, i % 3 ? "I10" : "J18.9", `${day(i)}/2024 09:00`];
  }
}

const FLAT_HEADER = fs.readFileSync(path.join(ROOT, "ingestion", "csv-import", "flat-template.csv"), "utf8").trim();

/** Flat-template rows for `n` patients (3n rows): an inpatient stay with two diagnoses, a visit with none. */
function* flatRows(n: number): Generator<string> {
  for (let i = 0; i < n; i++) {
    const m = String((i % 12) + 1).padStart(2, "0");
    const d = String((i % 28) + 1).padStart(2, "0");
    const sex = i % 2 ? "male" : "female";
    const p = `p${i},Given${i % 97},Family${i % 89},${sex},19${50 + (i % 50)}-${m}-${d},,KE,Nairobi`;
    const f = `f${i % 20},Clinic ${i % 20}`;
    const stay = `e${i}-0,IMP,2024-${m}-${d}T08:00:00Z,2024-${m}-${d}T17:30:00Z,home`;
    yield `${p},${f},${stay},ICD-10-CM,${i % 3 ? "I10" : "J18.9"},Diagnosis`;
    yield `${p},${f},${stay},SNOMED-CT,38341003,Hypertension`;
    yield `${p},${f},e${i}-1,AMB,2024-${m}-${d}T10:00:00Z,2024-${m}-${d}T10:30:00Z,,,,`;
  }
}

function writeFlat(dir: string, patients: number): string[] {
  const file = path.join(dir, "flat-register.csv");
  const fd = fs.openSync(file, "w");
  let chunk = FLAT_HEADER + "\n";
  for (const r of flatRows(patients)) {
    chunk += r + "\n";
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = "";
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return [file];
}

/** The bench's mapping (bench/import-csv.mapping.json, CSV tables), or the same over sheets of `workbook`. */
function mapping(workbook?: string): object {
  if (!workbook) return MAPPING;
  return { ...MAPPING, tables: MAPPING.tables.map((t) => ({ ...t, file: workbook, sheet: t.file.slice(0, -4) })) };
}

function writeCsv(dir: string, patients: number): string[] {
  return (Object.keys(HEADERS) as (keyof typeof HEADERS)[]).map((t) => {
    const file = path.join(dir, `${t}.csv`);
    const fd = fs.openSync(file, "w");
    fs.writeSync(fd, HEADERS[t].join(",") + "\n");
    let chunk = "";
    for (const r of tableRows(t, patients)) {
      chunk += r.join(",") + "\n";
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = "";
      }
    }
    fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    return file;
  });
}

async function writeXlsx(dir: string, patients: number): Promise<string[]> {
  const file = path.join(dir, "registers.xlsx");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  for (const t of Object.keys(HEADERS) as (keyof typeof HEADERS)[]) {
    const ws = wb.addWorksheet(t);
    ws.addRow(HEADERS[t]).commit();
    for (const r of tableRows(t, patients)) ws.addRow(r).commit();
    ws.commit();
  }
  await wb.commit();
  return [file];
}

/** One CLI run; `map` undefined: the bundled flat mapping (no --mapping), the files given with --input. */
function importOnce(files: string[], map?: object): { rows: number; seconds: number; rss: number; process: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ic-bench-run-"));
  const m = path.join(dir, "mapping.json");
  if (map) fs.writeFileSync(m, JSON.stringify(map));
  const given = map ? ["--mapping", m, ...files] : files.flatMap((f) => ["--input", f]);
  const args = [CLI, ...given, "--source", "bench", "--out", path.join(dir, "out"), "--no-kpi-totals"];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const processSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.rmSync(dir, { recursive: true, force: true });
  const s = SUMMARY.exec(r.stderr);
  if (r.status !== 0 || !s || (map && s[1] !== s[5]))
    throw new Error(`import-csv failed (exit ${r.status}): ${r.stderr}`);
  return { rows: Number(s[1]), seconds: Number(s[2]), rss: Number(s[4]), process: processSeconds };
}

async function main(): Promise<void> {
  const [csvRows, xlsxRows, flatN] = [200_000, 50_000, 200_000].map((d, i) => Number(process.argv[i + 2] ?? d));
  console.log("import-csv bench: compiled CLI, a fresh process and folder per run, --no-kpi-totals");
  console.log("format      rows  seconds  process s   rows/s  peak RSS MB");
  const plan: [string, number][] = [
    ["csv", Math.round(csvRows / 4)],
    ["csv", csvRows],
    ["xlsx", Math.round(xlsxRows / 4)],
    ["xlsx", xlsxRows],
    ["flat", Math.round(flatN / 4)],
    ["flat", flatN],
  ];
  for (const [format, rows] of plan) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ic-bench-"));
    const patients = Math.max(1, Math.round(rows / (format === "flat" ? 3 : 4)));
    const files =
      format === "flat"
        ? writeFlat(dir, patients)
        : format === "csv"
          ? writeCsv(dir, patients)
          : await writeXlsx(dir, patients);
    const r = importOnce(
      files,
      format === "flat" ? undefined : mapping(format === "csv" ? undefined : "registers.xlsx"),
    );
    fs.rmSync(dir, { recursive: true, force: true });
    const cols = [
      format.padEnd(6),
      String(r.rows).padStart(8),
      r.seconds.toFixed(1).padStart(7),
      r.process.toFixed(1).padStart(9),
      String(Math.round(r.rows / r.seconds)).padStart(8),
      String(r.rss).padStart(12),
    ];
    console.log(cols.join("  "));
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
