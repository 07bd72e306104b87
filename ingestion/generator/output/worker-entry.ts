import { parentPort } from "worker_threads";
import { ChunkJob, runChunk } from "./chunk";

// One job in, one result (or error, with the resource named) out.
parentPort?.on("message", (job: ChunkJob) => {
  try {
    parentPort!.postMessage({ ok: true, result: runChunk(job) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, error: (err as Error).message, name: (err as Error).name });
  }
});
