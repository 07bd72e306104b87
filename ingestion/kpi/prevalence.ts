/**
 * Condition prevalence per docs/kpis.md ("Condition prevalence"), from FHIR resources on their own: the
 * TypeScript side of the contract gold's condition_prevalence (glue-jobs/lakehouse/gold/prevalence.py) must equal.
 * Sums are additive over disjoint sets of patients, so the generator adds them per patient and builds rows once.
 */
import { DeleteEntry, refKey, resourcesByType } from "./kpi-totals";
import { lakeTime, toEnc, validPeriod } from "./compute";

import CODES from "../../glue-jobs/lakehouse/data/prevalence_codes.json";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// The code choice and the left-out verification statuses, the file gold reads too.
const PREFERRED: string[] = CODES.preferredSystems;
const EXCLUDED_VERIFICATION = new Set<string>(CODES.excludedVerificationStatuses);
const SEP = "\u0000"; // joins key parts: no FHIR string holds it

/** Additive prevalence sums: population per year and region, cases per code, display counts per code. */
export interface PrevalenceSums {
  /** `year SEP region` -> patients served that year */
  population: Map<string, number>;
  /** `year SEP region SEP system SEP code` -> [patients with the condition active, of them new cases] */
  cases: Map<string, [number, number]>;
  /** `system SEP code` -> display -> counted Conditions carrying it */
  displays: Map<string, Map<string, number>>;
}

/** One row of condition_prevalence, in docs/kpis.md's column order. */
export interface PrevalenceRow {
  year: string;
  region: string;
  condition_system: string;
  condition_code: string;
  condition_display: string | null;
  population: number;
  patients_with_condition: number;
  new_cases: number;
  prevalence: number | null;
  incidence: number | null;
}

/** What the generator's manifest records: checksums over every row. */
export interface PrevalenceTotals {
  rows: number;
  population_summed_over_rows: number;
  patients_with_condition: number;
  new_cases: number;
}

interface Counted {
  patient: string;
  system: string;
  code: string;
  display: string | undefined;
  onset: number;
  abatement: number | undefined;
}

export function emptyPrevalenceSums(): PrevalenceSums {
  return { population: new Map(), cases: new Map(), displays: new Map() };
}

const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

/** Adds b into a. */
export function addPrevalenceSums(a: PrevalenceSums, b: PrevalenceSums): PrevalenceSums {
  for (const [k, n] of b.population) bump(a.population, k, n);
  for (const [k, [p, n]] of b.cases) {
    const cur = a.cases.get(k) ?? [0, 0];
    a.cases.set(k, [cur[0] + p, cur[1] + n]);
  }
  for (const [k, counts] of b.displays) {
    const into = a.displays.get(k) ?? new Map<string, number>();
    for (const [d, n] of counts) bump(into, d, n);
    a.displays.set(k, into);
  }
  return a;
}

// Spark's trim removes spaces only (not tabs or newlines); silver's filters and the region use it.
const sparkTrim = (s: string) => s.replace(/^ +| +$/g, "");
const nonBlank = (v: unknown): v is string => typeof v === "string" && sparkTrim(v) !== "";
// Spark compares strings by their UTF-8 bytes.
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/** region = address[0].country '/' address[0].state, 'unknown' when both are missing (gold/facts.py). */
export function regionOf(patient: Json | undefined): string {
  const address = Array.isArray(patient?.address) ? patient.address[0] : undefined;
  const part = (v: unknown) => (nonBlank(v) ? sparkTrim(v) : undefined);
  const country = part(address?.country);
  const state = part(address?.state);
  return country === undefined && state === undefined ? "unknown" : `${country ?? ""}/${state ?? ""}`;
}

/** The coding a Condition is counted under (system preference, then position), or undefined. */
function chosenCoding(c: Json): Json | undefined {
  const coded = (Array.isArray(c.code?.coding) ? c.code.coding : []).filter((k: Json) => nonBlank(k?.code));
  const rank = (k: Json) => {
    const i = PREFERRED.indexOf(k.system);
    return i < 0 ? PREFERRED.length : i;
  };
  let best: Json | undefined;
  for (const k of coded) if (best === undefined || rank(k) < rank(best)) best = k;
  return best;
}

/** FHIRPath `verificationStatus.coding.code.first()`: the first code any coding carries. */
function verification(c: Json): unknown {
  const codings: Json[] = Array.isArray(c.verificationStatus?.coding) ? c.verificationStatus.coding : [];
  return codings.map((k) => k?.code).find((v) => v !== undefined && v !== null);
}

function countedConditions(conditions: Json[], known: Set<string>): Counted[] {
  const out: Counted[] = [];
  for (const c of conditions) {
    const patient = refKey(c.subject?.reference, "Patient");
    const coding = chosenCoding(c);
    const onset = lakeTime(c.onsetDateTime) ?? lakeTime(c.onsetPeriod?.start) ?? lakeTime(c.recordedDate);
    if (patient === undefined || !known.has(patient) || coding === undefined || onset === undefined) continue;
    if (EXCLUDED_VERIFICATION.has(verification(c) as string)) continue;
    const abatement = lakeTime(c.abatementDateTime) ?? lakeTime(c.abatementPeriod?.end);
    const display = typeof coding.display === "string" ? coding.display : undefined;
    out.push({ patient, system: coding.system ?? "", code: coding.code, display, onset, abatement });
  }
  return out;
}

const utcYear = (ms: number) => String(new Date(ms).getUTCFullYear()).padStart(4, "0");

/** Prevalence sums over a set of resource versions and deletes. */
export function computePrevalenceSums(versions: Iterable<Json>, deletes: readonly DeleteEntry[] = []): PrevalenceSums {
  const byType = resourcesByType(versions, deletes);
  const patients = new Map<string, Json>((byType.get("Patient") ?? []).map((p) => [p.id, p]));
  // Population: patient -> the years they had an encounter starting in, and their region.
  const years = new Map<string, Set<string>>();
  for (const e of (byType.get("Encounter") ?? []).map(toEnc).filter(validPeriod)) {
    if (e.start === undefined || e.patient === undefined) continue;
    years.set(e.patient, (years.get(e.patient) ?? new Set()).add(utcYear(e.start)));
  }
  const s = emptyPrevalenceSums();
  for (const [patient, ys] of years) for (const y of ys) bump(s.population, y + SEP + regionOf(patients.get(patient)));
  const counted = countedConditions(byType.get("Condition") ?? [], new Set(patients.keys()));
  const firstOnset = new Map<string, number>();
  for (const c of counted) {
    const k = [c.patient, c.system, c.code].join(SEP);
    firstOnset.set(k, Math.min(firstOnset.get(k) ?? Infinity, c.onset));
    if (c.display !== undefined) {
      const dk = c.system + SEP + c.code;
      s.displays.set(dk, bump(s.displays.get(dk) ?? new Map<string, number>(), c.display));
    }
  }
  // A patient counts once per year and code, however many Conditions of that code are active.
  const active = new Set<string>();
  for (const c of counted)
    for (const y of years.get(c.patient) ?? []) {
      const start = Date.UTC(Number(y), 0, 1);
      const next = Date.UTC(Number(y) + 1, 0, 1);
      if (c.onset < next && (c.abatement === undefined || c.abatement >= start))
        active.add([c.patient, y, c.system, c.code].join(SEP));
    }
  for (const k of active) {
    const [patient, y, system, code] = k.split(SEP);
    const key = [y, regionOf(patients.get(patient)), system, code].join(SEP);
    const isNew = utcYear(firstOnset.get([patient, system, code].join(SEP))!) === y ? 1 : 0;
    const cur = s.cases.get(key) ?? [0, 0];
    s.cases.set(key, [cur[0] + 1, cur[1] + isNew]);
  }
  return s;
}

/** The most common display (ties: the smallest string), as gold chooses it. */
function displayOf(counts: Map<string, number> | undefined): string | null {
  let best: [string, number] | undefined;
  for (const [d, n] of counts ?? [])
    if (best === undefined || n > best[1] || (n === best[1] && byBytes(d, best[0]) < 0)) best = [d, n];
  return best ? best[0] : null;
}

/** condition_prevalence rows from sums, sorted by key. */
export function prevalenceRows(s: PrevalenceSums): PrevalenceRow[] {
  const rows: PrevalenceRow[] = [];
  for (const [key, [withCondition, newCases]] of s.cases) {
    const [year, region, system, code] = key.split(SEP);
    const population = s.population.get(year + SEP + region) ?? 0;
    rows.push({
      year,
      region,
      condition_system: system,
      condition_code: code,
      condition_display: displayOf(s.displays.get(system + SEP + code)),
      population,
      patients_with_condition: withCondition,
      new_cases: newCases,
      prevalence: population > 0 ? withCondition / population : null,
      incidence: population > 0 ? newCases / population : null,
    });
  }
  const keyOf = (r: PrevalenceRow) => [r.year, r.region, r.condition_system, r.condition_code].join(SEP);
  return rows.sort((a, b) => byBytes(keyOf(a), keyOf(b)));
}

/** The manifest's prevalence checksums. */
export function prevalenceTotals(s: PrevalenceSums): PrevalenceTotals {
  const rows = prevalenceRows(s);
  const sum = (f: (r: PrevalenceRow) => number) => rows.reduce((t, r) => t + f(r), 0);
  return {
    rows: rows.length,
    population_summed_over_rows: sum((r) => r.population),
    patients_with_condition: sum((r) => r.patients_with_condition),
    new_cases: sum((r) => r.new_cases),
  };
}
