/**
 * Benchmark of `generate-fhir` as users run it (`node scripts/generate-fhir.js`, compiled, 2 worker threads):
 * patients/s, resources/s and peak RSS at 1k, 10k and 100k patients, validation on and off.
 *
 * Each run is a fresh process writing into a fresh folder. Figures come from the CLI's own summary line: its
 * seconds cover worker start-up and validator loading, and its peak RSS covers the worker threads (they share
 * the process). "process s" adds Node start-up and the esbuild compile of the CLI.
 *
 * Bundle format writes one file per patient, so on a file system where creating a file is slow the disk, not
 * the generator, sets the pace. The bench therefore also runs on tmpfs (/dev/shm, when there is one) and in
 * ndjson format (a dozen files), and first prints what creating 10,000 files costs on each folder.
 *
 * Usage: npx ts-node --transpile-only bench/generate-fhir.bench.ts [sizes...]   (default 1000 10000 100000)
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "scripts", "generate-fhir.js");
const SUMMARY = /Generated (\d+) patients, (\d+) resources in ([\d.]+) s \((\d+) resources\/s, peak RSS (\d+) MB\)/;

interface Run {
  seconds: number;
  processSeconds: number;
  resources: number;
  rssMb: number;
}

/** One CLI run into a fresh folder under `root`; the folder is removed afterwards. */
function generate(root: string, patients: number, validate: boolean, format: string): Run {
  const out = fs.mkdtempSync(path.join(root, "gf-bench-"));
  const args = [CLI, "--patients", String(patients), "--seed", "bench", "--out", out, "--format", format];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, validate ? args : [...args, "--no-validate"], { cwd: ROOT, encoding: "utf8" });
  const processSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.rmSync(out, { recursive: true, force: true });
  const m = SUMMARY.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`generate-fhir failed (exit ${r.status}): ${r.stderr}`);
  return { seconds: Number(m[3]), processSeconds, resources: Number(m[2]), rssMb: Number(m[5]) };
}

/** Milliseconds to create 10,000 files of 24 KB (a typical patient bundle) in a fresh folder under `root`. */
function fileCreationMs(root: string): number {
  const dir = fs.mkdtempSync(path.join(root, "gf-fs-"));
  const data = Buffer.alloc(24_000, 32);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 10_000; i++) fs.writeFileSync(path.join(dir, `f${i}.json`), data);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.rmSync(dir, { recursive: true, force: true });
  return ms;
}

function main(): void {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const roots: [string, string][] = [["disk", os.tmpdir()]];
  if (fs.existsSync("/dev/shm") && fs.statSync("/dev/shm").isDirectory()) roots.push(["tmpfs", "/dev/shm"]);
  console.log("generate-fhir bench: compiled CLI, 2 worker threads, a fresh process and folder per run");
  for (const [name, root] of roots)
    console.log(`creating 10,000 files of 24 KB on ${name} (${root}): ${fileCreationMs(root).toFixed(0)} ms`);
  console.log("folder  format  patients  validate  seconds  process s  patients/s  resources/s  peak RSS MB");
  const plan: [string, string, string][] = [
    ...roots.map(([n, r]): [string, string, string] => [n, r, "bundle"]),
    ["disk", os.tmpdir(), "ndjson"],
  ];
  for (const n of sizes.length > 0 ? sizes : [1000, 10000, 100000]) {
    for (const [name, root, format] of plan) {
      for (const validate of [true, false]) {
        const r = generate(root, n, validate, format);
        const row = [
          name.padEnd(6),
          format.padEnd(6),
          String(n).padStart(8),
          String(validate).padStart(8),
          r.seconds.toFixed(1).padStart(7),
          r.processSeconds.toFixed(1).padStart(9),
          Math.round(n / r.seconds)
            .toString()
            .padStart(10),
          Math.round(r.resources / r.seconds)
            .toString()
            .padStart(11),
          String(r.rssMb).padStart(11),
        ];
        console.log(row.join("  "));
      }
    }
  }
}

main();
