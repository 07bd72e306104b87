import { Prng } from "../model/prng";
import { PlannedEncounter } from "../model/timeline";
import { RefFn, Resource, SYS, instant } from "./types";

const CATEGORY = [{ coding: [{ system: SYS.obsCategory, code: "vital-signs", display: "Vital Signs" }] }];

interface Vital {
  readonly loinc: string;
  readonly display: string;
  readonly unit: string;
  readonly code: string;
  readonly value: (rng: Prng, infected: boolean) => number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The single-value vital signs: fever and tachycardia while an infection is treated. */
const VITALS: readonly Vital[] = [
  {
    loinc: "8867-4",
    display: "Heart rate",
    unit: "beats/minute",
    code: "/min",
    value: (r, inf) => (inf ? r.int(101, 130) : r.int(60, 95)),
  },
  {
    loinc: "9279-1",
    display: "Respiratory rate",
    unit: "breaths/minute",
    code: "/min",
    value: (r, inf) => (inf ? r.int(20, 28) : r.int(12, 19)),
  },
  {
    loinc: "8310-5",
    display: "Body temperature",
    unit: "Cel",
    code: "Cel",
    value: (r, inf) => round1(inf ? r.range(38.3, 40.0) : r.range(36.2, 37.4)),
  },
  {
    loinc: "59408-5",
    display: "Oxygen saturation in Arterial blood by Pulse oximetry",
    unit: "%",
    code: "%",
    value: (r, inf) => (inf ? r.int(90, 96) : r.int(95, 100)),
  },
];

function quantity(value: number, unit: string, code: string): Record<string, unknown> {
  return { value, unit, system: SYS.ucum, code };
}

function base(id: string, loinc: string, display: string, subject: string, enc: string, at: number): Resource {
  return {
    resourceType: "Observation",
    id,
    meta: { lastUpdated: instant(at) },
    status: "final",
    category: CATEGORY,
    code: { coding: [{ system: SYS.loinc, code: loinc, display }], text: display },
    subject: { reference: subject },
    encounter: { reference: enc },
    effectiveDateTime: instant(at),
  };
}

/** One set of vital signs taken 15 minutes into the encounter: four values and the blood pressure panel. */
export function vitalSigns(rng: Prng, patientId: string, encId: string, e: PlannedEncounter, ref: RefFn): Resource[] {
  const at = e.start + 15 * 60_000;
  const subject = ref("Patient", patientId);
  const encRef = ref("Encounter", encId);
  const infected = e.infection !== undefined;
  const out = VITALS.map((v) => {
    const o = base(rng.uuid(), v.loinc, v.display, subject, encRef, at);
    o.valueQuantity = quantity(v.value(rng, infected), v.unit, v.code);
    return o;
  });
  const bp = base(rng.uuid(), "85354-9", "Blood pressure panel with all children optional", subject, encRef, at);
  bp.component = [
    {
      code: { coding: [{ system: SYS.loinc, code: "8480-6", display: "Systolic blood pressure" }] },
      valueQuantity: quantity(rng.int(100, 150), "mm[Hg]", "mm[Hg]"),
    },
    {
      code: { coding: [{ system: SYS.loinc, code: "8462-4", display: "Diastolic blood pressure" }] },
      valueQuantity: quantity(rng.int(60, 95), "mm[Hg]", "mm[Hg]"),
    },
  ];
  out.push(bp);
  return out;
}
