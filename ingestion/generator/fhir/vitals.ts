import { Prng } from "../model/prng";
import { PlannedEncounter } from "../model/timeline";
import { RefFn, Resource, SYS, instant } from "./types";
import VITAL_SIGNS from "../../../glue-jobs/lakehouse/data/vital_signs.json";

const CATEGORY = [{ coding: [{ system: SYS.obsCategory, code: "vital-signs", display: "Vital Signs" }] }];

/** A vital sign's code and unit (glue-jobs/lakehouse/data/vital_signs.json, shared with the stream and the jobs). */
export interface VitalCode {
  readonly loinc: string;
  readonly display: string;
  readonly unit: string;
  readonly ucum: string;
  readonly physiological: { readonly min: number; readonly max: number };
}

export const VITAL_CODES: Readonly<Record<string, VitalCode>> = Object.fromEntries(
  VITAL_SIGNS.codes.map((c) => [c.loinc, c]),
);

interface Vital {
  readonly code: VitalCode;
  readonly value: (rng: Prng, infected: boolean) => number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The single-value vital signs: fever and tachycardia while an infection is treated. */
const VITALS: readonly Vital[] = [
  { code: VITAL_CODES["8867-4"], value: (r, inf) => (inf ? r.int(101, 130) : r.int(60, 95)) },
  { code: VITAL_CODES["9279-1"], value: (r, inf) => (inf ? r.int(20, 28) : r.int(12, 19)) },
  { code: VITAL_CODES["8310-5"], value: (r, inf) => round1(inf ? r.range(38.3, 40.0) : r.range(36.2, 37.4)) },
  { code: VITAL_CODES["59408-5"], value: (r, inf) => (inf ? r.int(90, 96) : r.int(95, 100)) },
];

export function quantity(value: number, code: VitalCode): Record<string, unknown> {
  return { value, unit: code.unit, system: SYS.ucum, code: code.ucum };
}

/** A vital-sign Observation with no value yet; `enc` is the encounter's reference (none on the device stream). */
export function vitalObservation(
  id: string,
  loinc: string,
  display: string,
  subject: string,
  enc: string | undefined,
  at: number,
): Resource {
  return {
    resourceType: "Observation",
    id,
    meta: { lastUpdated: instant(at) },
    status: "final",
    category: CATEGORY,
    code: { coding: [{ system: SYS.loinc, code: loinc, display }], text: display },
    subject: { reference: subject },
    ...(enc === undefined ? {} : { encounter: { reference: enc } }),
    effectiveDateTime: instant(at),
  };
}

function component(code: VitalCode, value: number): Record<string, unknown> {
  return {
    code: { coding: [{ system: SYS.loinc, code: code.loinc, display: code.display }] },
    valueQuantity: quantity(value, code),
  };
}

/** One set of vital signs taken 15 minutes into the encounter: four values and the blood pressure panel. */
export function vitalSigns(rng: Prng, patientId: string, encId: string, e: PlannedEncounter, ref: RefFn): Resource[] {
  const at = e.start + 15 * 60_000;
  const subject = ref("Patient", patientId);
  const encRef = ref("Encounter", encId);
  const infected = e.infection !== undefined;
  const out = VITALS.map((v) => {
    const o = vitalObservation(rng.uuid(), v.code.loinc, v.code.display, subject, encRef, at);
    o.valueQuantity = quantity(v.value(rng, infected), v.code);
    return o;
  });
  const bp = vitalObservation(
    rng.uuid(),
    "85354-9",
    "Blood pressure panel with all children optional",
    subject,
    encRef,
    at,
  );
  bp.component = [
    component(VITAL_CODES["8480-6"], rng.int(100, 150)),
    component(VITAL_CODES["8462-4"], rng.int(60, 95)),
  ];
  out.push(bp);
  return out;
}
