/**
 * CLI: `npm run stream-vitals -- --stream NAME [--patients N | --patients-from FILE] --rate R --duration S
 * [--endpoint URL] [--duplicates P]`: sends vital-sign Observations to a Kinesis stream, partition key = patient,
 * with a progress line on stderr and, as the last line on stdout, a JSON summary
 * {"sent", "duplicates", "retried", "failed", "seconds", "records_per_s"}. Exit 1 when a record was given up on.
 */
import * as fs from "fs";
import { Command, InvalidArgumentError } from "commander";
import { SingleBar } from "cli-progress";
import { positiveInt, runCli } from "../cli/common";
import { kinesisClient } from "./kinesis-client";
import { produce } from "./producer";
import { readings, streamPatients } from "./readings";

interface Flags {
  stream: string;
  patients: number;
  patientsFrom?: string;
  rate: number;
  duration: number;
  duplicates: number;
  endpoint?: string;
  region: string;
  seed: string;
  concurrency: number;
}

function share(v: string): number {
  const n = Number(v);
  if (!/^\d*\.?\d+$/.test(v) || n > 1) throw new InvalidArgumentError(`--duplicates must be 0..1, got '${v}'.`);
  return n;
}

/** Patient ids of a Patient NDJSON file (a generated population's), in file order; errors name the line. */
export function patientIdsOf(file: string): string[] {
  const ids = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== "")
    .map(([line, n]) => {
      let r: { resourceType?: unknown; id?: unknown };
      try {
        r = JSON.parse(line);
      } catch {
        throw new Error(`${file} line ${n}: not JSON`);
      }
      if (r.resourceType !== "Patient" || typeof r.id !== "string")
        throw new Error(`${file} line ${n}: not a Patient with an id`);
      return r.id;
    });
  if (ids.length === 0) throw new Error(`${file}: no Patient`);
  return ids;
}

export function parseFlags(argv: string[]): Flags {
  return new Command()
    .name("stream-vitals")
    .description("Sends R4 vital-sign Observations to a Kinesis Data Stream (partition key = patient).")
    .requiredOption("--stream <name>", "the Kinesis stream")
    .option(
      "--patients <n>",
      "patients to stream for (pseudonymous ids from --seed)",
      positiveInt("--patients", 1),
      100,
    )
    .option("--patients-from <file>", "a Patient NDJSON file (a generated population's): stream for its patients")
    .option("--rate <r>", "records per second, re-sends not counted", positiveInt("--rate", 1), 100)
    .option("--duration <s>", "seconds to stream", positiveInt("--duration", 1), 60)
    .option("--duplicates <p>", "share of records sent a second time, 0..1", share, 0)
    .option("--endpoint <url>", "Kinesis endpoint (the local stand-in, a VPC endpoint)")
    .option("--region <region>", "AWS region", process.env.AWS_REGION ?? "us-east-1")
    .option("--seed <text>", "seed of the patients, values and re-sends", "vitals")
    .option("--concurrency <n>", "PutRecords requests in flight", positiveInt("--concurrency", 1), 4)
    .exitOverride()
    .parse(argv, { from: "user" })
    .opts<Flags>();
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const patientIds = flags.patientsFrom ? patientIdsOf(flags.patientsFrom) : streamPatients(flags.patients, flags.seed);
  const bar = new SingleBar({
    format: "stream-vitals {bar} {value}/{total} sent, {duplicates} re-sent, {retried} retried, {failed} failed",
    stream: process.stderr,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  bar.start(flags.rate * flags.duration, 0, { duplicates: 0, retried: 0, failed: 0 });
  const stats = await produce({
    client: kinesisClient({ region: flags.region, endpoint: flags.endpoint }),
    streamName: flags.stream,
    source: readings({ patientIds, seed: flags.seed, now: Date.now }),
    rate: flags.rate,
    durationS: flags.duration,
    duplicates: flags.duplicates,
    seed: flags.seed,
    concurrency: flags.concurrency,
    onProgress: (s) => bar.update(s.sent, { duplicates: s.duplicates, retried: s.retried, failed: s.failed }),
  }).finally(() => bar.stop());
  const summary = {
    sent: stats.sent,
    duplicates: stats.duplicates,
    retried: stats.retried,
    failed: stats.failed,
    seconds: Math.round(stats.seconds * 100) / 100,
    records_per_s: Math.round(stats.sent / stats.seconds),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (stats.failed > 0) throw new Error(`${stats.failed} record(s) given up on after retries`);
}

if (require.main === module) runCli("stream-vitals", main);
