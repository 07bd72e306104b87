import { spawnSync } from "child_process";
import * as path from "path";

/** The repository root (scripts/lakehouse/ is two levels down). */
export const ROOT = path.resolve(__dirname, "..", "..");

/** Runs a command with inherited output; throws with the command's name and exit code when it fails. */
export function run(step: string, command: string, args: string[], cwd: string = ROOT): number {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, stdio: "inherit", env: process.env });
  if (result.error) throw new Error(`${step}: could not start ${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${step} failed (exit code ${result.status ?? result.signal})`);
  return (Date.now() - started) / 1000;
}

const tsNode = path.join(ROOT, "node_modules", ".bin", "ts-node");
const python = path.join(ROOT, ".venv", "bin", "python");

/** Generates synthetic FHIR into `raw` with the project's generator. */
export function generate(raw: string, patients: number, seed: number, changes: boolean): number {
  const args = [
    path.join(ROOT, "scripts", "generate-fhir.js"),
    "--patients",
    String(patients),
    "--seed",
    String(seed),
    "--out",
    raw,
  ];
  return run("generate-fhir", process.execPath, changes ? [...args, "--changes"] : args);
}

/** Bronze, silver, gold and the views on local Spark + Hudi, audit log in a local DynamoDB stand-in. */
export function pipeline(raw: string, out: string, fullRefresh: boolean): number {
  const args = [path.join(ROOT, "glue-jobs", "jobs", "run_local.py"), "--raw", raw, "--out", out];
  return run("pipeline", python, fullRefresh ? [...args, "--full-refresh"] : args);
}

/** The self-contained HTML dashboard from the published views. */
export function dashboard(views: string, html: string, source: string, runDate: string): number {
  const args = [
    "--transpile-only",
    "dashboard/cli.ts",
    "--views",
    views,
    "--out",
    html,
    "--title",
    "FHIR lakehouse KPIs",
    "--source",
    source,
    "--run-date",
    runDate,
  ];
  return run("dashboard", tsNode, args);
}
