import * as fs from "fs";
import * as path from "path";
import { JobName } from "../shared/names";

/** Files of the lakehouse Python package shipped to Glue: everything but caches and compiled files. */
export function packageFiles(packageDir: string): string[] {
  if (!fs.existsSync(path.join(packageDir, "__init__.py"))) {
    throw new Error(`${packageDir}: not a Python package (no __init__.py); expected glue-jobs/lakehouse`);
  }
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === "__pycache__" || entry.name.startsWith(".") || entry.name.endsWith(".pyc")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(packageDir, full));
    }
  };
  walk(packageDir);
  return out;
}

/** The entrypoint script of a job: glue-jobs/jobs/<job>_job.py; the error names the missing file. */
export function jobScriptPath(jobsDir: string, job: JobName): string {
  const file = path.join(jobsDir, `${job}_job.py`);
  if (!fs.existsSync(file)) throw new Error(`${file}: Glue entrypoint of the ${job} job is missing`);
  return file;
}
