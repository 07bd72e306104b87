import { spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";
import { Cell, Column, QueryResult } from "./result";

const REPO = path.resolve(__dirname, "..", "..");
const PYTHON = path.join(REPO, ".venv", "bin", "python");
const SCRIPT = path.join(REPO, "glue-jobs", "jobs", "query_local.py");

/**
 * Runs Trino SQL over a local lake's gold tables and published views (glue-jobs/jobs/query_local.py on local
 * Spark, the views translated as the publish step does). Rejects with the job's own message on bad SQL.
 */
export function runLocalQuery(lake: string, sql: string, signal?: AbortSignal): Promise<QueryResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT, "--lake", path.resolve(lake), "--sql", sql], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PYTHONUNBUFFERED: "1" },
    });
    signal?.addEventListener("abort", () => child.kill("SIGTERM"), { once: true });
    let columns: Column[] = [];
    const rows: Cell[][] = [];
    const stderr: string[] = [];
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      const parsed = JSON.parse(line) as { columns: Column[] } | Cell[];
      if (Array.isArray(parsed)) rows.push(parsed);
      else columns = parsed.columns;
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString("utf8")));
    child.on("error", (err) => reject(new Error(`cannot run ${PYTHON} (npm run setup:python): ${err.message}`)));
    child.on("close", (code, killedBy) => {
      if (code === 0) return resolve({ columns, rows });
      if (killedBy !== null) return reject(new Error("query cancelled"));
      const said = stderr
        .join("")
        .split("\n")
        .filter((l) => l.startsWith("query_local:"));
      reject(new Error(said.length > 0 ? said.join("\n") : `query_local exited with ${code}: ${stderr.join("")}`));
    });
  });
}
