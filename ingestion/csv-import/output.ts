/**
 * Where one import run writes: `<root>/<run>.<Type>.ndjson` (the data bronze ingests) and the side folder
 * `<root>/_<run>/` with rejects.csv and manifest.json (a segment starting `_` is metadata to bronze:
 * glue-jobs/lakehouse/data/data_files.json). Every file is created new: an existing one is never overwritten.
 */
import * as fs from "fs";
import * as path from "path";
import { once } from "events";
import { randomBytes } from "crypto";

/** A run id: the UTC time to the second and 6 random hex digits (`20250630T081500Z-3fa9c2`). */
export function newRunId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

/** The run's folder below an output root: `fhir/<source>/<yyyy>/<mm>/<dd>` of the run's UTC day. */
export function runFolder(source: string, day: string): string {
  const [y, m, d] = day.split("-");
  return path.join("fhir", source, y, m, d);
}

/** Opens a file that must not exist yet, with a clear error when it does. */
function createNew(file: string): fs.WriteStream {
  if (fs.existsSync(file)) throw new Error(`Refusing to overwrite ${file}`);
  return fs.createWriteStream(file, { flags: "wx" });
}

/** Appends to a new file with back-pressure. */
class LineFile {
  private readonly stream: fs.WriteStream;
  private failure: Error | undefined;

  constructor(readonly file: string) {
    this.stream = createNew(file);
    this.stream.on("error", (err) => (this.failure = err));
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    if (this.stream.closed) return;
    const done = once(this.stream, "close");
    this.stream.end();
    await done;
    if (this.failure) throw this.failure;
  }
}

const REJECT_HEADER = "file,sheet,row,field,column,reason,detail\n";
const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The files of one run; `abort` removes what this run created (after a failure that is not a row's). */
export class RunOutput {
  readonly dataDir: string;
  readonly sideDir: string;
  private readonly data = new Map<string, LineFile>();
  private readonly rejects: LineFile;

  constructor(
    root: string,
    source: string,
    day: string,
    readonly run: string,
  ) {
    this.dataDir = path.join(root, runFolder(source, day));
    this.sideDir = path.join(this.dataDir, `_${run}`);
    fs.mkdirSync(this.dataDir, { recursive: true });
    if (fs.existsSync(this.sideDir)) throw new Error(`Refusing to overwrite ${this.sideDir}`);
    fs.mkdirSync(this.sideDir);
    this.rejects = new LineFile(path.join(this.sideDir, "rejects.csv"));
  }

  /** The data file name of a type (relative to dataDir). */
  static dataName(run: string, type: string): string {
    return `${run}.${type}.ndjson`;
  }

  /** Writes one resource to its type's file (opened on first use). */
  async writeResource(r: Record<string, unknown>): Promise<void> {
    const type = String(r.resourceType);
    let f = this.data.get(type);
    if (!f) {
      f = new LineFile(path.join(this.dataDir, RunOutput.dataName(this.run, type)));
      this.data.set(type, f);
    }
    await f.write(JSON.stringify(r) + "\n");
  }

  /** Starts rejects.csv with its header. */
  async begin(): Promise<void> {
    await this.rejects.write(REJECT_HEADER);
  }

  /** One reject line: where and why, never the cell's value. */
  async writeReject(cols: readonly (string | number)[]): Promise<void> {
    await this.rejects.write(cols.map((c) => csvCell(String(c))).join(",") + "\n");
  }

  /** The data files written, relative to dataDir. */
  dataFiles(): string[] {
    return [...this.data.values()].map((f) => path.basename(f.file)).sort();
  }

  /** Closes every data file and rejects.csv. */
  async close(): Promise<void> {
    for (const f of [...this.data.values(), this.rejects]) await f.close();
  }

  /** Writes manifest.json, after close (last: its presence says the run finished). */
  async writeManifest(manifest: unknown): Promise<void> {
    const m = createNew(path.join(this.sideDir, "manifest.json"));
    const done = once(m, "close");
    m.end(JSON.stringify(manifest, null, 2) + "\n");
    await done;
  }

  /** Closes and removes every file of this run. */
  async abort(): Promise<void> {
    for (const f of [...this.data.values(), this.rejects]) await f.close().catch(() => undefined);
    for (const f of this.data.values()) fs.rmSync(f.file, { force: true });
    fs.rmSync(this.sideDir, { recursive: true, force: true });
  }
}
