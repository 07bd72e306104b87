/**
 * PutRecords within Kinesis's limits, retrying only the records that failed: a request holds at most 500 records
 * and 5 MiB (data plus partition keys), a record at most 1 MiB. Throughput errors, throttling and server errors
 * back off exponentially with full jitter; any other error ends the send.
 */
import { KinesisClient, PutRecordsCommand, PutRecordsResultEntry } from "@aws-sdk/client-kinesis";

export const LIMITS = { records: 500, bytes: 5 * 1024 * 1024, recordBytes: 1024 * 1024 } as const;

/** One record to put: its data, its partition key, and whether it is a deliberate re-send. */
export interface Entry {
  readonly data: Uint8Array;
  readonly partitionKey: string;
  readonly duplicate: boolean;
}

/** What the sends did: records accepted (first sends and re-sends apart), sent again after a failure, given up on. */
export interface SendStats {
  sent: number;
  duplicates: number;
  retried: number;
  failed: number;
  calls: number;
}

export const newStats = (): SendStats => ({ sent: 0, duplicates: 0, retried: 0, failed: 0, calls: 0 });

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 5000 };

const size = (e: Entry) => e.data.byteLength + Buffer.byteLength(e.partitionKey);

/** Splits entries into requests within the limits, in order; a record over 1 MiB fails naming its position. */
export function batches(entries: readonly Entry[]): Entry[][] {
  const out: Entry[][] = [];
  let current: Entry[] = [];
  let bytes = 0;
  entries.forEach((e, i) => {
    const n = size(e);
    if (n > LIMITS.recordBytes) throw new Error(`record ${i + 1}: ${n} bytes, over Kinesis's 1 MiB per record`);
    if (current.length === LIMITS.records || bytes + n > LIMITS.bytes) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += n;
  });
  if (current.length > 0) out.push(current);
  return out;
}

const RETRYABLE = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "LimitExceededException",
  "InternalFailure",
  "ServiceUnavailable",
  "KMSThrottlingException",
]);

/** A whole-request error worth retrying: throughput, throttling, a 5xx, or the connection itself. */
function retryable(err: unknown): boolean {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  return RETRYABLE.has(e.name ?? "") || (status !== undefined && status >= 500) || /^E[A-Z]+$/.test(e.code ?? "");
}

function backoff(policy: RetryPolicy, attempt: number): Promise<void> {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const ms = Math.floor((policy.random ?? Math.random)() * cap);
  return (policy.sleep ?? ((t) => new Promise((r) => setTimeout(r, t))))(ms);
}

/** Puts one batch, retrying only its failed records; returns the records given up on after maxAttempts. */
export async function putBatch(
  client: Pick<KinesisClient, "send">,
  streamName: string,
  batch: readonly Entry[],
  stats: SendStats,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<Entry[]> {
  let pending = [...batch];
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > policy.maxAttempts) {
      stats.failed += pending.length;
      return pending;
    }
    if (attempt > 1) {
      stats.retried += pending.length;
      await backoff(policy, attempt - 1);
    }
    stats.calls++;
    let results: PutRecordsResultEntry[];
    try {
      const out = await client.send(
        new PutRecordsCommand({
          StreamName: streamName,
          Records: pending.map((e) => ({ Data: e.data, PartitionKey: e.partitionKey })),
        }),
      );
      results = out.Records ?? [];
    } catch (err) {
      if (!retryable(err)) throw err;
      continue;
    }
    // A record with no result entry, or one with an ErrorCode, was not written.
    const failed: Entry[] = [];
    pending.forEach((e, i) => {
      if (results[i] === undefined || results[i].ErrorCode !== undefined) failed.push(e);
      else if (e.duplicate) stats.duplicates++;
      else stats.sent++;
    });
    pending = failed;
  }
  return [];
}
