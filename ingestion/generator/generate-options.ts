import { Population } from "./model/population";

/** Options of one generation run (the CLI flags, parsed). */
export interface GenerateOptions {
  readonly patients: number;
  readonly seed: string;
  readonly out: string;
  readonly format: "bundle" | "ndjson";
  readonly gzip: boolean;
  readonly population: Population;
  /** How the population was given (a path, or "default"); recorded in the manifest. */
  readonly populationSource: string;
  /** YYYY-MM-DD; nothing in the data happens after it. */
  readonly referenceDate: string;
  readonly changes: boolean;
  /** Default true; off only for benchmarks. */
  readonly validate: boolean;
  /** Worker threads (default 2); 0 = generate in this thread. */
  readonly workers: number;
  readonly chunkSize?: number;
}
