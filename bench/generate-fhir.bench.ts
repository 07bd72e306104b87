/**
 * Benchmark of `generate-fhir`: patients/s and resources/s with validation on and off, and peak RSS, at
 * 1k, 10k and 100k patients (bundle format, 2 worker threads). Each run is a child process that reports its own
 * process.resourceUsage().maxRSS (worker threads share the process, so this is the whole run's peak).
 * Usage: npx ts-node --transpile-only bench/generate-fhir.bench.ts [sizes...]
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generate } from "../ingestion/generate";
import { loadPopulation } from "../ingestion/model/population";

interface Run {
  patients: number;
  validate: boolean;
  seconds: number;
  resources: number;
  maxRssMb: number;
}

/** Child mode: one generation run, then one JSON line on stdout. */
async function child(patients: number, validate: boolean): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gf-bench-"));
  const t0 = process.hrtime.bigint();
  const m = await generate({
    patients, seed: "bench", out, format: "bundle", gzip: false, population: loadPopulation(), populationSource: "default",
    referenceDate: "2025-06-30", changes: false, validate, workers: 2, chunkSize: 200,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const resources = Object.values(m.counts).reduce((a, b) => a + b, 0);
  fs.rmSync(out, { recursive: true, force: true });
  const run: Run = { patients, validate, seconds, resources, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(run) + "\n");
}

function runChild(patients: number, validate: boolean): Run {
  const r = spawnSync(process.execPath, ["--max-old-space-size=128", "-r", "ts-node/register/transpile-only", __filename, "--child", String(patients), String(validate)], {
    cwd: path.join(__dirname, ".."),
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Run;
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log("generate-fhir bench (bundle format, 2 worker threads; seconds include worker start-up and schema compile)");
  console.log("patients  validate  seconds  patients/s  resources/s  peak RSS MB");
  for (const n of sizes.length > 0 ? sizes : [1000, 10000, 100000]) {
    for (const validate of [true, false]) {
      const r = runChild(n, validate);
      const row = [
        String(n).padStart(8), String(validate).padStart(8), r.seconds.toFixed(1).padStart(8),
        Math.round(n / r.seconds).toString().padStart(10), Math.round(r.resources / r.seconds).toString().padStart(11),
        r.maxRssMb.toFixed(0).padStart(11),
      ];
      console.log(row.join("  "));
    }
  }
}

if (process.argv[2] === "--child") void child(Number(process.argv[3]), process.argv[4] === "true");
else main();
