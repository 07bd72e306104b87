import { DeleteEntry, KpiSums, emptySums, refKey, resourcesByType } from "./kpi-totals";
import { InfectionTest, loadInfectionTest } from "./value-set";
import TIME_RANGE from "../../glue-jobs/lakehouse/data/time_range.json";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DAY = 86_400_000;
const INPATIENT = new Set(["IMP", "ACUTE", "NONAC"]);
const DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition";

/** An encounter as silver's encounter view reads it. */
export interface Enc {
  id: string;
  patient?: string;
  inpatient: boolean;
  start?: number;
  end?: number;
  expired: boolean;
}

const EARLIEST = Date.parse(TIME_RANGE.earliest);
const BEFORE = Date.parse(TIME_RANGE.before);

/** A time inside the lake's range (glue-jobs/lakehouse/data/time_range.json), else undefined, as silver reads it. */
export const lakeTime = (t: unknown): number | undefined => {
  if (typeof t !== "string") return undefined;
  const v = Date.parse(t);
  return Number.isNaN(v) || v < EARLIEST || v >= BEFORE ? undefined : v;
};

export function toEnc(r: Json): Enc {
  const codings: Json[] = r.hospitalization?.dischargeDisposition?.coding ?? [];
  return {
    id: r.id,
    patient: refKey(r.subject?.reference, "Patient"),
    inpatient: INPATIENT.has(r.class?.code),
    start: lakeTime(r.period?.start),
    end: lakeTime(r.period?.end),
    expired: codings.some((c) => c.system === DISPOSITION && c.code === "exp"),
  };
}

/** An encounter that ends before it starts is left out of every measure, as a readmission too. */
export const validPeriod = (e: Enc): boolean => e.start === undefined || e.end === undefined || e.end >= e.start;

/** Patient id -> deceased time (NaN = deceased, date unknown). */
function deceasedTimes(patients: Json[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of patients) {
    const t = lakeTime(p.deceasedDateTime);
    if (t !== undefined) out.set(p.id, t);
    else if (p.deceasedBoolean === true) out.set(p.id, NaN);
  }
  return out;
}

function infectedEncounters(conditions: Json[], isInfection: InfectionTest): Set<string> {
  const out = new Set<string>();
  for (const c of conditions) {
    const enc = refKey(c.encounter?.reference, "Encounter");
    if (enc && (c.code?.coding ?? []).some((k: Json) => isInfection(k.system, k.code))) out.add(enc);
  }
  return out;
}

/** A discharge is a death with disposition `exp`, or a deceased time in [start, end + 1 day]. */
function isDeath(e: Enc, deceased: Map<string, number>): boolean {
  if (e.expired) return true;
  const d = e.patient === undefined ? undefined : deceased.get(e.patient);
  return d !== undefined && !Number.isNaN(d) && d >= e.start! && d <= e.end! + DAY;
}

function readmitted(e: Enc, inpatientByPatient: Map<string, Enc[]>): boolean {
  const others = e.patient === undefined ? [] : (inpatientByPatient.get(e.patient) ?? []);
  return others.some((n) => n !== e && n.start !== undefined && n.start - e.end! > 0 && n.start - e.end! <= 30 * DAY);
}

/** KPI sums over a set of resource versions and deletes (all months, regions and facilities together). */
export function computeKpiSums(
  versions: Iterable<Json>,
  deletes: readonly DeleteEntry[] = [],
  isInfection?: InfectionTest,
): KpiSums {
  const test = isInfection ?? defaultTest();
  const byType = resourcesByType(versions, deletes);
  const encs = (byType.get("Encounter") ?? []).map(toEnc).filter(validPeriod);
  const infected = infectedEncounters(byType.get("Condition") ?? [], test);
  const deceased = deceasedTimes(byType.get("Patient") ?? []);
  const inpatientByPatient = new Map<string, Enc[]>();
  for (const e of encs)
    if (e.inpatient && e.patient)
      inpatientByPatient.set(e.patient, (inpatientByPatient.get(e.patient) ?? []).concat(e));
  const s = emptySums();
  for (const e of encs) {
    if (e.start === undefined) continue;
    s.encounters++;
    if (infected.has(e.id)) s.infection_encounters++;
    if (!e.inpatient || e.end === undefined) continue;
    s.inpatient_discharges++;
    s.length_of_stay_days_sum += (e.end - e.start) / DAY;
    if (isDeath(e, deceased)) s.inpatient_deaths++;
    else {
      s.index_discharges++;
      if (readmitted(e, inpatientByPatient)) s.readmissions_30d++;
    }
  }
  return s;
}

let cachedTest: InfectionTest | undefined;
function defaultTest(): InfectionTest {
  cachedTest ??= loadInfectionTest();
  return cachedTest;
}
