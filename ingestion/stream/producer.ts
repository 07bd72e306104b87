/**
 * Sends readings at a steady rate for a while: every tick takes the readings now due, adds the re-sends scheduled
 * by the previous tick (a share of records sent twice, as producers do after a timeout), and puts them in batches
 * with a bounded number of requests in flight, so a slow stream slows the producer instead of growing its memory.
 */
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { Prng } from "../generator/model/prng";
import { DEFAULT_RETRY, Entry, RetryPolicy, SendStats, batches, newStats, putBatch } from "./put-records";
import { Reading } from "./readings";

export interface ProduceOptions {
  readonly client: Pick<KinesisClient, "send">;
  readonly streamName: string;
  readonly source: Iterator<Reading>;
  /** Records per second (re-sends not counted) and seconds: rate x duration distinct records in all. */
  readonly rate: number;
  readonly durationS: number;
  /** Share of records sent a second time, 0..1. */
  readonly duplicates: number;
  readonly seed: string;
  readonly concurrency: number;
  readonly retry?: RetryPolicy;
  readonly tickMs?: number;
  readonly onProgress?: (stats: SendStats, due: number) => void;
}

const encoder = new TextEncoder();
const entryOf = (r: Reading, duplicate: boolean): Entry => ({
  data: encoder.encode(JSON.stringify(r.observation)),
  partitionKey: r.patientId,
  duplicate,
});

export async function produce(opts: ProduceOptions): Promise<SendStats & { seconds: number }> {
  const stats = newStats();
  const total = Math.round(opts.rate * opts.durationS);
  const rng = new Prng(`${opts.seed}/duplicates`);
  const tick = opts.tickMs ?? 100;
  const inFlight = new Set<Promise<void>>();
  let firstError: unknown;
  const start = Date.now();
  let taken = 0;
  let resend: Entry[] = [];

  const send = async (batch: Entry[]) => {
    const p = putBatch(opts.client, opts.streamName, batch, stats, opts.retry ?? DEFAULT_RETRY)
      .then(() => undefined)
      .catch((err: unknown) => {
        firstError ??= err;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    // Backpressure: wait while the stream is behind.
    while (inFlight.size >= opts.concurrency) await Promise.race(inFlight);
  };

  while ((taken < total || resend.length > 0) && firstError === undefined) {
    const due = Math.min(total, Math.floor((opts.rate * (Date.now() - start)) / 1000));
    const entries = resend;
    resend = [];
    for (; taken < due; taken++) {
      const next = opts.source.next();
      if (next.done) throw new Error("produce: the reading source ended");
      const entry = entryOf(next.value, false);
      entries.push(entry);
      if (opts.duplicates > 0 && rng.chance(opts.duplicates)) resend.push({ ...entry, duplicate: true });
    }
    for (const batch of batches(entries)) await send(batch);
    opts.onProgress?.(stats, total);
    if (taken < total || resend.length > 0) await new Promise((r) => setTimeout(r, tick));
  }
  await Promise.all(inFlight);
  if (firstError !== undefined) throw firstError;
  opts.onProgress?.(stats, total);
  return { ...stats, seconds: (Date.now() - start) / 1000 };
}
