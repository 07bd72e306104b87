import * as fs from "fs";
import * as path from "path";
import { Command, InvalidArgumentError } from "commander";

/** What `npm run lakehouse` was asked to do. */
export interface LakehouseOptions {
  /** Patients to generate when no --input is given (default 1000). */
  readonly patients: number;
  /** Generator seed (default 42). */
  readonly seed: number;
  /** A folder of FHIR files to ingest instead of generating. */
  readonly input?: string;
  /** Output folder (default ./lakehouse-out); replaced on each run. */
  readonly out: string;
  /** Also generate the realistic feed changes (versions, deletes, duplicates, malformed files). */
  readonly changes: boolean;
}

/** Marks a folder as ours, so a run may replace it; we never delete a folder without it. */
export const MARKER = ".fhir-lakehouse-out";

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a non-negative integer");
  return n;
}

/** Parses argv (without node and script); exits with a usage message on bad input. */
export function parseOptions(argv: string[]): LakehouseOptions {
  const program = new Command("lakehouse")
    .description(
      "Runs the whole FHIR lakehouse locally: generate (or --input), bronze, silver, gold, views, dashboard.",
    )
    .option("--patients <n>", "patients to generate when no --input is given", positiveInt, 1000)
    .option("--seed <n>", "generator seed", nonNegativeInt, 42)
    .option("--input <dir>", "a folder of FHIR files (.json bundles, .ndjson, optionally .gz) to ingest instead")
    .option(
      "--changes",
      "generate the feed changes too (new versions, late old versions, deletes, duplicates, malformed files)",
      false,
    )
    .option("--out <dir>", "output folder, replaced on each run", "lakehouse-out")
    .showHelpAfterError()
    .parse(argv, { from: "user" });
  const o = program.opts<{ patients: number; seed: number; input?: string; out: string; changes: boolean }>();
  if (o.input !== undefined && !fs.statSync(o.input, { throwIfNoEntry: false })?.isDirectory()) {
    program.error(`--input ${o.input} is not a folder`);
  }
  return {
    patients: o.patients,
    seed: o.seed,
    input: o.input && path.resolve(o.input),
    out: path.resolve(o.out),
    changes: o.changes,
  };
}

/** Empties the output folder if it is ours (or absent, or empty); refuses any other folder. */
export function prepareOut(out: string): void {
  if (fs.existsSync(out)) {
    const entries = fs.readdirSync(out);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(`--out ${out} is a non-empty folder this tool did not create; choose another folder`);
    }
    fs.rmSync(out, { recursive: true, force: true });
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, MARKER), "Created by `npm run lakehouse`; replaced on each run.\n");
}
