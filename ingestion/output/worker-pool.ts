import * as path from "path";
import { Worker } from "worker_threads";
import { ChunkJob, ChunkResult, runChunk } from "./chunk";

/** Runs chunk jobs on N worker threads (0 = in this thread); results come back in job order. */
export class ChunkPool {
  private readonly workers: Worker[] = [];

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.workers.push(spawn());
  }

  /**
   * Runs `jobs` with at most two in flight per worker (memory stays flat in N) and hands each result to
   * `onResult` in job order, awaiting it before the next (so writes apply back-pressure).
   */
  async run(jobs: readonly ChunkJob[], onResult: (r: ChunkResult) => Promise<void>): Promise<void> {
    if (this.size === 0) {
      for (const j of jobs) await onResult(runChunk(j));
      return;
    }
    const pending: Promise<ChunkResult>[] = [];
    let next = 0;
    const submit = (): void => {
      if (next < jobs.length) pending.push(this.exec(this.workers[next % this.size], jobs[next++]));
    };
    for (let i = 0; i < this.size * 2; i++) submit();
    while (pending.length > 0) {
      const r = await pending.shift()!;
      submit();
      await onResult(r);
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private queue = new Map<Worker, Promise<unknown>>();

  /** Jobs for one worker run one after the other; each message is answered by one result or error. */
  private exec(w: Worker, job: ChunkJob): Promise<ChunkResult> {
    const prev = this.queue.get(w) ?? Promise.resolve();
    const p = prev.then(
      () =>
        new Promise<ChunkResult>((resolve, reject) => {
          // A worker that dies (e.g. out of memory) rejects its job instead of leaving it pending forever.
          const onError = (err: Error): void => reject(err);
          w.once("error", onError);
          w.once("message", (m: { ok: boolean; result?: ChunkResult; error?: string; name?: string }) => {
            w.off("error", onError);
            if (m.ok) resolve(m.result!);
            else reject(Object.assign(new Error(m.error), { name: m.name }));
          });
          w.postMessage(job);
        }),
    );
    this.queue.set(w, p.catch(() => undefined));
    return p;
  }
}

let workerCode: string | undefined;

/**
 * The worker entry bundled to plain JavaScript in memory with esbuild (tens of ms, once): loading ts-node and
 * the TypeScript compiler in every worker would cost seconds and ~100 MB each. __dirname is pinned to this
 * folder, which sits at the same depth as the modules that use it.
 */
function bundleWorker(): string {
  if (workerCode) return workerCode;
  const { buildSync } = require("esbuild") as typeof import("esbuild"); // eslint-disable-line @typescript-eslint/no-require-imports
  const r = buildSync({
    entryPoints: [path.join(__dirname, "worker-entry.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    define: { __dirname: JSON.stringify(__dirname) },
    logLevel: "silent",
  });
  workerCode = r.outputFiles[0].text;
  return workerCode;
}

function spawn(): Worker {
  // A small old generation makes V8 collect early, so RSS stays flat in N instead of growing lazily.
  return new Worker(bundleWorker(), { eval: true, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } });
}
