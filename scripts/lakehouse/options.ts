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
  /** The lake folder (default ./lakehouse-out); kept between runs, so a rerun takes only what is new. */
  readonly out: string;
  /** Empty the lake folder first (a lake built from nothing). */
  readonly fresh: boolean;
  /** Recompute silver and gold from all of bronze (the oracle the incremental runs are tested against). */
  readonly fullRefresh: boolean;
  /** Also generate the realistic feed changes (versions, deletes, duplicates, malformed files). */
  readonly changes: boolean;
}

/** Marks a folder as ours, so a run may use or empty it; we never touch a folder without it. */
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
    .option(
      "--out <dir>",
      "the lake folder, kept between runs (a rerun takes only new and changed files)",
      "lakehouse-out",
    )
    .option("--fresh", "empty the lake folder first and build the lake from nothing", false)
    .option("--full-refresh", "recompute silver and gold from all of bronze instead of incrementally", false)
    .showHelpAfterError()
    .parse(argv, { from: "user" });
  const o = program.opts<{
    patients: number;
    seed: number;
    input?: string;
    out: string;
    changes: boolean;
    fresh: boolean;
    fullRefresh: boolean;
  }>();
  if (o.input !== undefined && !fs.statSync(o.input, { throwIfNoEntry: false })?.isDirectory()) {
    program.error(`--input ${o.input} is not a folder`);
  }
  return {
    patients: o.patients,
    seed: o.seed,
    input: o.input && path.resolve(o.input),
    out: path.resolve(o.out),
    changes: o.changes,
    fresh: o.fresh,
    fullRefresh: o.fullRefresh,
  };
}

/** Makes `out` ready for a run: created (and marked ours) when absent or empty, kept when it is ours, emptied
 * first when `fresh`; any other non-empty folder is refused untouched. Returns true when a lake was kept. */
export function prepareOut(out: string, fresh = false): boolean {
  if (fs.existsSync(out)) {
    const entries = fs.readdirSync(out);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(`--out ${out} is a non-empty folder this tool did not create; choose another folder`);
    }
    if (entries.length > 0 && !fresh) return true;
    fs.rmSync(out, { recursive: true, force: true });
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, MARKER), "Created by `npm run lakehouse`: a local lake, kept between runs.\n");
  return false;
}
