import { Prng } from "../model/prng";
import { Population, Region } from "../model/population";
import { drawPerson } from "../people/person";
import { planPatient } from "../model/timeline";
import { condition, encounter, patient } from "./resources";
import { RefFn, Resource } from "./types";
import { vitalSigns } from "./vitals";

/** Everything written for one patient: the Patient first, then per encounter its Encounter, Conditions, vitals. */
export interface PatientRecord {
  readonly patientId: string;
  readonly resources: Resource[];
  /** The patient's region (what a later version's new address or name is drawn from). */
  readonly region: Region;
}

/** The PRNG stream of patient `index` under `seed`: patients are independent, so workers can split them. */
export function patientRng(seed: string, index: number): Prng {
  return new Prng(`${seed}/patient/${index}`);
}

/** Builds all resources of patient `index`; the same (seed, index, model, refMs, ref) gives the same record. */
export function buildPatientRecord(
  seed: string,
  index: number,
  pop: Population,
  refMs: number,
  ref: RefFn,
): PatientRecord {
  const rng = patientRng(seed, index);
  const plan = planPatient(rng, pop, refMs);
  const patientId = rng.uuid();
  const resources: Resource[] = [];
  let last = plan.encounters[0]?.start ?? refMs;
  for (const e of plan.encounters) {
    const encId = rng.uuid();
    last = e.end ?? e.start;
    resources.push(encounter(encId, patientId, e, ref, last));
    for (const c of e.chronic) resources.push(condition(rng.uuid(), patientId, encId, c, e, ref, true));
    if (e.infection) resources.push(condition(rng.uuid(), patientId, encId, e.infection, e, ref, false));
    resources.push(...vitalSigns(rng, patientId, encId, e, ref));
  }
  const person = drawPerson(seed, index, plan, plan.deceasedAt ?? refMs);
  resources.unshift(patient(patientId, plan, person, last));
  return { patientId, resources, region: plan.region };
}
