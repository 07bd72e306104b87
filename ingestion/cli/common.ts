/**
 * What the ingestion CLIs (generate-fhir, import-csv) share: integer flags, the S3 upload flags, the source
 * name check, and one way to end: commander's own exit for --help, exit 2 for bad usage, exit 1 with
 * `<name>: <message>` for any other failure.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";

/** A commander parser of an integer flag that must be >= min. */
export function positiveInt(flag: string, min: number) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v) || Number(v) < min)
      throw new InvalidArgumentError(`${flag} must be an integer >= ${min}, got '${v}'.`);
    return Number(v);
  };
}

/** The upload flags' values (ingestion/upload/uploader.ts takes them with the source and the key date). */
export interface UploadFlags {
  bucket?: string;
  kmsKeyId?: string;
  endpointUrl?: string;
  region: string;
  concurrency: number;
  retries: number;
}

/** Adds --bucket, --kms-key-id, --endpoint-url, --region, --concurrency and --retries to a program. */
export function addUploadFlags(program: Command, bucketHelp: string): Command {
  return program
    .option("--bucket <s3url>", bucketHelp)
    .option("--kms-key-id <id>", "SSE-KMS key for uploaded objects")
    .option("--endpoint-url <url>", "S3 endpoint (S3-compatible servers)")
    .option("--region <region>", "AWS region for the S3 client", process.env.AWS_REGION ?? "us-east-1")
    .option("--concurrency <n>", "parallel uploads", positiveInt("--concurrency", 1), 8)
    .option("--retries <n>", "retries per object after a failure", positiveInt("--retries", 0), 4);
}

/** Checks that a run writes somewhere: --out, --bucket, or both. */
export function checkOutOrBucket(o: { out?: string; bucket?: string }): void {
  if (!o.out && !o.bucket) throw new InvalidArgumentError("Give --out <dir>, --bucket s3://bucket/prefix, or both.");
}

/** Checks a --source name (a segment of every S3 key and output path). */
export function checkSource(source: string): void {
  if (!/^[A-Za-z0-9._-]+$/.test(source))
    throw new InvalidArgumentError(`--source must be letters, digits, . _ -, got '${source}'.`);
}

/** Runs a CLI's main and exits: 0 after help, 2 for bad usage (commander errors), 1 with a message otherwise. */
export function runCli(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof CommanderError) {
      // commander already printed help for --help/--version; print our own message for bad input.
      if (err.exitCode !== 0 && !err.message.startsWith("error:")) process.stderr.write(`error: ${err.message}\n`);
      process.exit(err.exitCode === 0 ? 0 : 2);
    }
    process.stderr.write(`${name}: ${(err as Error).message}\n`);
    process.exit(1);
  });
}

/** Peak RSS of the process in MB (worker threads included); the benchmarks read it from the summary lines. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
