import * as fs from "fs";
import * as path from "path";
import { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { SingleBar } from "cli-progress";
import { objectKey, parseS3Url } from "./s3-target";

/** Upload settings (CLI flags). */
export interface UploadOptions {
  readonly bucket: string;
  readonly source: string;
  readonly referenceDate: string;
  readonly region: string;
  readonly endpointUrl?: string;
  readonly kmsKeyId?: string;
  readonly concurrency: number;
  readonly retries: number;
  /** Which files of the folder to upload, by relative path (default: all). */
  readonly include?: (relPath: string) => boolean;
  /** First backoff delay in ms (doubles per retry); default 200. */
  readonly baseDelayMs?: number;
}

/** What an upload did. */
export interface UploadSummary {
  readonly target: string;
  readonly objects: number;
  readonly bytes: number;
  readonly retries: number;
}

/** Files under `dir`, relative, sorted; data first, then changes/ (they arrive later), the manifest last. */
export function filesToUpload(dir: string, include: (relPath: string) => boolean = () => true): string[] {
  const all = (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile() && include(f))
    .sort();
  const rank = (f: string): number => (f.startsWith("_") ? 2 : f.startsWith(`changes${path.sep}`) ? 1 : 0);
  return all.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Puts one file, retrying with exponential backoff; returns how many retries it took. */
async function putWithRetry(
  client: S3Client,
  o: UploadOptions,
  bucket: string,
  key: string,
  file: string,
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      const sse = o.kmsKeyId ? { ServerSideEncryption: "aws:kms" as const, SSEKMSKeyId: o.kmsKeyId } : {};
      await new Upload({ client, params: { Bucket: bucket, Key: key, Body: fs.readFileSync(file), ...sse } }).done();
      return attempt;
    } catch (err) {
      if (attempt >= o.retries)
        throw new Error(`Upload of ${key} failed after ${attempt + 1} attempts: ${(err as Error).message}`);
      await sleep((o.baseDelayMs ?? 200) * 2 ** attempt);
    }
  }
}

/** Uploads every file of `dir` to S3 with bounded concurrency, phase by phase (data, changes, manifest). */
export async function uploadFolder(dir: string, o: UploadOptions): Promise<UploadSummary> {
  const t = parseS3Url(o.bucket);
  // The SDK's own retries are off so our backoff is the one policy (and is what the test observes).
  const client = new S3Client({
    region: o.region,
    endpoint: o.endpointUrl,
    forcePathStyle: o.endpointUrl !== undefined,
    maxAttempts: 1,
  });
  const files = filesToUpload(dir, o.include);
  const bar = process.stderr.isTTY
    ? new SingleBar({ stream: process.stderr, format: "upload [{bar}] {value}/{total} files" })
    : undefined;
  bar?.start(files.length, 0);
  let bytes = 0;
  let retries = 0;
  try {
    for (const phase of [0, 1, 2]) {
      const batch = files.filter((f) => (f.startsWith("_") ? 2 : f.startsWith(`changes${path.sep}`) ? 1 : 0) === phase);
      await pool(batch, o.concurrency, async (f) => {
        const full = path.join(dir, f);
        // Await first: `retries += await x` reads `retries` before the await, losing concurrent increments.
        const took = await putWithRetry(client, o, t.bucket, objectKey(t, o.source, o.referenceDate, f), full);
        retries += took;
        bytes += fs.statSync(full).size;
        bar?.increment();
      });
    }
  } finally {
    bar?.stop();
    client.destroy();
  }
  return {
    target: `s3://${t.bucket}/${objectKey(t, o.source, o.referenceDate, "")}`,
    objects: files.length,
    bytes,
    retries,
  };
}

/** Runs `fn` over items with at most `n` at a time; the first failure stops new work and is thrown. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const runner = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, runner));
}
