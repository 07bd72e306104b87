import * as path from "path";
import { Command, InvalidArgumentError, Option } from "commander";

/** Parsed command line of generate-fhir (before the population file is read). */
export interface CliOptions {
  patients: number;
  seed: string;
  out?: string;
  bucket?: string;
  format: "bundle" | "ndjson";
  gzip: boolean;
  population?: string;
  referenceDate: string;
  changes: boolean;
  validate: boolean;
  workers: number;
  source: string;
  kmsKeyId?: string;
  endpointUrl?: string;
  region: string;
  concurrency: number;
  retries: number;
}

function positiveInt(flag: string, min: number) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v) || Number(v) < min)
      throw new InvalidArgumentError(`${flag} must be an integer >= ${min}, got '${v}'.`);
    return Number(v);
  };
}

function realDay(v: string): string {
  const d = new Date(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
    throw new InvalidArgumentError(`--reference-date must be a real date YYYY-MM-DD, got '${v}'.`);
  }
  return v;
}

/** The commander program: every flag, its default and its check (documented in docs/generate-fhir.md). */
export function buildProgram(): Command {
  return new Command("generate-fhir")
    .description("Deterministic synthetic FHIR R4 with planted KPI rates.")
    .requiredOption("--patients <n>", "number of patients", positiveInt("--patients", 1))
    .option("--seed <s>", "PRNG seed (any string)", "1")
    .option("--out <dir>", "output folder (required unless --bucket)")
    .option("--bucket <s3url>", "upload to s3://bucket/prefix instead of (or after) writing --out")
    .addOption(new Option("--format <f>", "bundle or ndjson").choices(["bundle", "ndjson"]).default("bundle"))
    .option("--gzip", "gzip every data file", false)
    .option("--population <file>", "population model JSON (default: the bundled model)")
    .option(
      "--reference-date <yyyy-mm-dd>",
      "the data's 'today': nothing happens after it; also the S3 key date",
      realDay,
      "2025-06-30",
    )
    .option("--changes", "add later versions, stale versions, a duplicate, deletes and malformed files", false)
    .option("--no-validate", "skip FHIR validation (benchmarks only)")
    .option("--workers <n>", "worker threads (0 = main thread)", positiveInt("--workers", 0), 2)
    .option("--source <name>", "source name in S3 keys raw/fhir/<source>/...", "synthetic")
    .option("--kms-key-id <id>", "SSE-KMS key for uploaded objects")
    .option("--endpoint-url <url>", "S3 endpoint (S3-compatible servers)")
    .option("--region <region>", "AWS region for the S3 client", process.env.AWS_REGION ?? "us-east-1")
    .option("--concurrency <n>", "parallel uploads", positiveInt("--concurrency", 1), 8)
    .option("--retries <n>", "retries per object after a failure", positiveInt("--retries", 0), 4)
    .showHelpAfterError()
    .exitOverride();
}

/** Parses argv (without node and script) into options; throws commander errors with a clear message. */
export function parseCli(argv: readonly string[]): CliOptions {
  const program = buildProgram();
  program.parse([...argv], { from: "user" });
  const o = program.opts<CliOptions>();
  if (!o.out && !o.bucket) throw new InvalidArgumentError("Give --out <dir>, --bucket s3://bucket/prefix, or both.");
  if (o.source && !/^[A-Za-z0-9._-]+$/.test(o.source))
    throw new InvalidArgumentError(`--source must be letters, digits, . _ -, got '${o.source}'.`);
  if (o.population) o.population = path.resolve(o.population);
  return o;
}
