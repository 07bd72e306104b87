import * as fs from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import type { BuildOptions } from "esbuild";
import { ChunkJob, ChunkResult, runChunk } from "./chunk";
// How the generator is bundled for Node, shared with scripts/generate-fhir.js (plain JS, so JSON).
import nodeBundle from "./node-bundle.json";

/** Runs chunk jobs on N worker threads (0 = in this thread); results come back in job order. */
export class ChunkPool {
  private readonly workers: Worker[] = [];

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.workers.push(spawn());
  }

  /**
   * Runs `jobs` and hands each result to `onResult` in job order, one at a time (so ndjson appends stay in
   * patient order and apply back-pressure). Each worker has two jobs queued, and gets its next one as soon as
   * it finishes one, whatever the order of completion: a worker never waits for the other to catch up.
   * Finished results wait for their turn in a buffer of at most four per worker, which keeps memory flat in N.
   */
  async run(jobs: readonly ChunkJob[], onResult: (r: ChunkResult) => Promise<void>): Promise<void> {
    if (this.size === 0) {
      for (const j of jobs) await onResult(runChunk(j));
      return;
    }
    const ready = new Map<number, ChunkResult>();
    const limit = 4 * this.size;
    let next = 0;
    let emitted = 0;
    let failure: { err: unknown } | undefined; // the first error; once set, no lane takes another job
    let waiting: (() => void)[] = []; // lanes waiting for room in `ready`
    const wake = (): void => {
      const lanes = waiting;
      waiting = [];
      lanes.forEach((resume) => resume());
    };
    const fail = (err: unknown): void => {
      failure ??= { err };
      wake();
    };
    let delivering: Promise<void> = Promise.resolve();
    const deliver = async (): Promise<void> => {
      for (let r = ready.get(emitted); r !== undefined && !failure; r = ready.get(emitted)) {
        ready.delete(emitted++);
        await onResult(r);
        wake();
      }
    };
    const lane = async (w: Worker): Promise<void> => {
      while (next < jobs.length && !failure) {
        const i = next++;
        ready.set(i, await this.exec(w, jobs[i]));
        // Never a rejected promise left without a handler: a failed delivery is recorded, then rethrown below.
        delivering = delivering.then(deliver).catch(fail);
        // The result due next is always in flight in some lane (jobs start in order), so room always comes.
        while (ready.size >= limit && !failure) await new Promise<void>((resume) => waiting.push(resume));
      }
    };
    await Promise.all([...this.workers, ...this.workers].map((w) => lane(w).catch(fail)));
    await delivering;
    if (failure) throw failure.err;
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
    this.queue.set(
      w,
      p.catch(() => undefined),
    );
    return p;
  }
}

let workerCode: string | undefined;

/**
 * The worker entry bundled to plain JavaScript in memory with esbuild (tens of ms, once), for callers running
 * from TypeScript source (tests, ts-node): loading ts-node and the TypeScript compiler in every worker would
 * cost seconds and ~100 MB each.
 */
function bundleWorker(): string {
  if (workerCode) return workerCode;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildSync } = require("esbuild") as typeof import("esbuild");
  const r = buildSync({
    ...(nodeBundle.esbuild as BuildOptions),
    entryPoints: [path.join(__dirname, "worker-entry.ts")],
    logLevel: "silent",
  });
  workerCode = r.outputFiles![0].text; // node-bundle.json sets write: false, so the output is in memory
  return workerCode;
}

/** File name of the worker entry that the compiled CLI (scripts/generate-fhir.js) writes beside its bundle. */
export const COMPILED_WORKER = `${nodeBundle.workerEntryName}.js`;

function spawn(): Worker {
  // A small old generation makes V8 collect early, so RSS stays flat in N instead of growing lazily.
  const resourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };
  // Inside the compiled CLI, __dirname is the bundle's folder and the compiled worker sits beside it.
  const compiled = path.join(__dirname, COMPILED_WORKER);
  if (fs.existsSync(compiled)) return new Worker(compiled, { resourceLimits });
  return new Worker(bundleWorker(), { eval: true, resourceLimits });
}
