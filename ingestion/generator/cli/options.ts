import * as path from "path";
import { Command, InvalidArgumentError, Option } from "commander";
import { UploadFlags, addUploadFlags, checkOutOrBucket, checkSource, positiveInt } from "../../cli/common";

/** Parsed command line of generate-fhir (before the population file is read). */
export interface CliOptions extends UploadFlags {
  patients: number;
  seed: string;
  out?: string;
  format: "bundle" | "ndjson";
  gzip: boolean;
  population?: string;
  referenceDate: string;
  changes: boolean;
  validate: boolean;
  workers: number;
  source: string;
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
  const program = new Command("generate-fhir")
    .description("Deterministic synthetic FHIR R4 with planted KPI rates.")
    .requiredOption("--patients <n>", "number of patients", positiveInt("--patients", 1))
    .option("--seed <s>", "PRNG seed (any string)", "1")
    .option("--out <dir>", "output folder (required unless --bucket)")
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
    .option("--source <name>", "source name in S3 keys raw/fhir/<source>/...", "synthetic");
  return addUploadFlags(program, "upload to s3://bucket/prefix instead of (or after) writing --out")
    .showHelpAfterError()
    .exitOverride();
}

/** Parses argv (without node and script) into options; throws commander errors with a clear message. */
export function parseCli(argv: readonly string[]): CliOptions {
  const program = buildProgram();
  program.parse([...argv], { from: "user" });
  const o = program.opts<CliOptions>();
  checkOutOrBucket(o);
  checkSource(o.source);
  if (o.population) o.population = path.resolve(o.population);
  return o;
}
