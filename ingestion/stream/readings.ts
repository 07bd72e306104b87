/**
 * Vital-sign readings of bedside monitors: per patient, a set of five Observations (heart rate, respiratory rate,
 * temperature, SpO2, systolic pressure) taken at one instant, patients in turn, each patient's readings in time
 * order. Codes and units are the generator's (glue-jobs/lakehouse/data/vital_signs.json). A seeded share of the
 * patients is unwell (fever, tachycardia, low saturation), so the early-warning score has something to find.
 */
import { Prng } from "../generator/model/prng";
import { VITAL_CODES, quantity, vitalObservation } from "../generator/fhir/vitals";
import { Resource } from "../generator/fhir/types";

/** The codes of one reading, in the order they are sent. */
export const READING_CODES = ["8867-4", "9279-1", "8310-5", "59408-5", "8480-6"] as const;

type Range = readonly [number, number];
/** Well and unwell ranges per code; temperature with one decimal, the rest whole numbers. */
const RANGES: Readonly<Record<(typeof READING_CODES)[number], { well: Range; unwell: Range }>> = {
  "8867-4": { well: [60, 95], unwell: [111, 135] },
  "9279-1": { well: [12, 19], unwell: [22, 28] },
  "8310-5": { well: [36.2, 37.4], unwell: [38.6, 39.8] },
  "59408-5": { well: [96, 100], unwell: [88, 93] },
  "8480-6": { well: [112, 150], unwell: [88, 105] },
};
/** Share of patients who are unwell. */
export const UNWELL_SHARE = 0.1;

/** One record to send: the patient it belongs to (the partition key) and the Observation. */
export interface Reading {
  readonly patientId: string;
  readonly observation: Resource;
}

export interface ReadingOptions {
  readonly patientIds: readonly string[];
  readonly seed: string;
  /** The clock: each reading is stamped with the time it is taken. */
  readonly now: () => number;
}

/** Pseudonymous patient ids for a stream that has no population of its own. */
export function streamPatients(count: number, seed: string): string[] {
  const rng = new Prng(`${seed}/patients`);
  return Array.from({ length: count }, () => rng.uuid());
}

/** An endless source of readings: patients in turn, each reading's five Observations stamped with `now()`. */
export function* readings(opts: ReadingOptions): Generator<Reading> {
  if (opts.patientIds.length === 0) throw new Error("readings: no patients");
  const rng = new Prng(`${opts.seed}/readings`);
  const unwell = new Set(opts.patientIds.filter(() => rng.chance(UNWELL_SHARE)));
  for (;;) {
    for (const patientId of opts.patientIds) {
      const at = opts.now();
      const ranges = (code: (typeof READING_CODES)[number]) => RANGES[code][unwell.has(patientId) ? "unwell" : "well"];
      for (const loinc of READING_CODES) {
        const code = VITAL_CODES[loinc];
        const [lo, hi] = ranges(loinc);
        const value = loinc === "8310-5" ? Math.round(rng.range(lo, hi) * 10) / 10 : rng.int(lo, hi);
        const observation = vitalObservation(rng.uuid(), loinc, code.display, `Patient/${patientId}`, undefined, at);
        observation.valueQuantity = quantity(value, code);
        yield { patientId, observation };
      }
    }
  }
}
