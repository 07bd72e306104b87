import { ConditionDef, Facility } from "../model/population";
import { PatientPlan, PlannedEncounter } from "../model/timeline";
import { PersonElements } from "../people/person";
import { RefFn, Resource, SYS, date, instant } from "./types";

const CLASS_DISPLAY = { AMB: "ambulatory", EMER: "emergency", IMP: "inpatient encounter" } as const;

/** The Organization of a facility; `lastUpdated` is fixed by the caller (the window start). */
export function organization(f: Facility, country: string, state: string, lastUpdated: number): Resource {
  return {
    resourceType: "Organization",
    id: f.id,
    meta: { lastUpdated: instant(lastUpdated) },
    active: true,
    type: [
      {
        coding: [
          {
            system: "http://terminology.hl7.org/CodeSystem/organization-type",
            code: "prov",
            display: "Healthcare Provider",
          },
        ],
      },
    ],
    name: f.name,
    address: [{ city: f.city, state, country }],
  };
}

/** The Patient: its person elements (names, identifiers, telecom, address), gender, birthDate, and
 * deceasedDateTime when they died. */
export function patient(id: string, plan: PatientPlan, person: PersonElements, lastUpdated: number): Resource {
  const p: Resource = {
    resourceType: "Patient",
    id,
    meta: { lastUpdated: instant(lastUpdated) },
    identifier: person.identifier,
    name: person.name,
    telecom: person.telecom,
    gender: plan.sex,
    birthDate: date(plan.birth),
    address: person.address,
  };
  if (plan.deceasedAt !== undefined) p.deceasedDateTime = instant(plan.deceasedAt);
  return p;
}

/** An Encounter (R4 shape): class, period, serviceProvider, and a discharge disposition for inpatient stays. */
export function encounter(
  id: string,
  patientId: string,
  e: PlannedEncounter,
  ref: RefFn,
  lastUpdated: number,
): Resource {
  const enc: Resource = {
    resourceType: "Encounter",
    id,
    meta: { lastUpdated: instant(lastUpdated) },
    status: e.end === undefined ? "in-progress" : "finished",
    class: { system: SYS.actCode, code: e.cls, display: CLASS_DISPLAY[e.cls] },
    subject: { reference: ref("Patient", patientId) },
    period: e.end === undefined ? { start: instant(e.start) } : { start: instant(e.start), end: instant(e.end) },
    serviceProvider: { reference: `Organization/${e.facility.id}`, display: e.facility.name },
  };
  if (e.cls === "IMP" && e.end !== undefined) {
    const [code, display] = e.died ? ["exp", "Expired"] : ["home", "Home"];
    enc.hospitalization = { dischargeDisposition: { coding: [{ system: SYS.disposition, code, display }] } };
  }
  return enc;
}

/** A Condition recorded in an encounter, coded in ICD-10-CM and SNOMED CT, with onset inside the encounter. */
export function condition(
  id: string,
  patientId: string,
  encId: string,
  def: ConditionDef,
  e: PlannedEncounter,
  ref: RefFn,
  chronic: boolean,
): Resource {
  const onset = e.start + 10 * 60_000;
  const clinical = chronic || e.end === undefined ? "active" : "resolved";
  const c: Resource = {
    resourceType: "Condition",
    id,
    meta: { lastUpdated: instant(e.end ?? e.start) },
    clinicalStatus: { coding: [{ system: SYS.condClinical, code: clinical }] },
    verificationStatus: { coding: [{ system: SYS.condVerification, code: "confirmed" }] },
    category: [{ coding: [{ system: SYS.condCategory, code: "encounter-diagnosis", display: "Encounter Diagnosis" }] }],
    code: {
      coding: [
        { system: SYS.icd10cm, code: def.icd10, display: def.display },
        { system: SYS.snomed, code: def.snomed, display: def.display },
      ],
      text: def.display,
    },
    subject: { reference: ref("Patient", patientId) },
    encounter: { reference: ref("Encounter", encId) },
    onsetDateTime: instant(onset),
    recordedDate: instant(onset),
  };
  if (clinical === "resolved" && e.end !== undefined) c.abatementDateTime = instant(e.end);
  return c;
}
