import * as fs from "fs";
import * as path from "path";
import { createGzip } from "zlib";
import { Writable } from "stream";
import { once } from "events";

/** Writes ndjson lines per resource type to `<dir>/<Type>.ndjson[.gz]`, streaming with back-pressure. */
export class NdjsonWriter {
  private readonly streams = new Map<string, { head: Writable; file: fs.WriteStream }>();

  constructor(
    private readonly dir: string,
    private readonly gzip: boolean,
  ) {}

  /** File name of a type's ndjson output. */
  static fileName(type: string, gzip: boolean): string {
    return `${type}.ndjson${gzip ? ".gz" : ""}`;
  }

  /** Appends already-terminated lines to the type's file (opened on first use). */
  async write(type: string, lines: string): Promise<void> {
    let s = this.streams.get(type);
    if (!s) {
      const file = fs.createWriteStream(path.join(this.dir, NdjsonWriter.fileName(type, this.gzip)));
      const head = this.gzip ? createGzip({ level: 6 }) : file;
      if (this.gzip) head.pipe(file);
      s = { head, file };
      this.streams.set(type, s);
    }
    if (!s.head.write(lines)) await once(s.head, "drain");
  }

  /** Ends every stream and waits until the files are closed. */
  async close(): Promise<void> {
    for (const { head, file } of this.streams.values()) {
      const done = once(file, "close");
      head.end();
      await done;
    }
  }
}

/** Checks `dir` can be created and written, with a clear message otherwise. */
export function prepareOutDir(dir: string, changes: boolean): void {
  try {
    fs.mkdirSync(changes ? path.join(dir, "changes") : dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new Error(`Cannot write to output folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
