/**
 * KPI totals per docs/kpis.md, computed from FHIR resources on their own (no generator state):
 * latest version per id wins, DELETE entries remove a resource unless a later version exists.
 * Totals are additive over disjoint sets of patients, so callers can sum them per chunk.
 */

/** A DELETE bundle entry: `Type/id` deleted as of the bundle's timestamp. */
export interface DeleteEntry {
  readonly type: string;
  readonly id: string;
  readonly timestamp: string;
}

/** Additive KPI sums (length of stay as a sum of days so totals can be averaged exactly). */
export interface KpiSums {
  encounters: number;
  infection_encounters: number;
  inpatient_discharges: number;
  inpatient_deaths: number;
  index_discharges: number;
  readmissions_30d: number;
  length_of_stay_days_sum: number;
}

/** The manifest's kpiTotals: the sums plus the mean length of stay (null when there are no discharges). */
export interface KpiTotals extends Omit<KpiSums, "length_of_stay_days_sum"> {
  avg_length_of_stay_days: number | null;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** All-zero sums. */
export function emptySums(): KpiSums {
  return {
    encounters: 0,
    infection_encounters: 0,
    inpatient_discharges: 0,
    inpatient_deaths: 0,
    index_discharges: 0,
    readmissions_30d: 0,
    length_of_stay_days_sum: 0,
  };
}

/** Adds b into a. */
export function addSums(a: KpiSums, b: KpiSums): KpiSums {
  for (const k of Object.keys(a) as (keyof KpiSums)[]) a[k] += b[k];
  return a;
}

/** Final totals from sums; the average is rounded to 6 decimals and null on a zero denominator. */
export function totalsOf(s: KpiSums): KpiTotals {
  const { length_of_stay_days_sum: los, ...counts } = s;
  const avg = s.inpatient_discharges === 0 ? null : Math.round((los / s.inpatient_discharges) * 1e6) / 1e6;
  return { ...counts, avg_length_of_stay_days: avg };
}

/**
 * The id silver's `getReferenceKey(type)` gives (glue-jobs/lakehouse/viewdef/functions.py): the reference must
 * name that type (`Type/id`, or an absolute URL ending so), or be a `urn:uuid:` bronze could not resolve.
 */
export function refKey(ref: unknown, type: string): string | undefined {
  if (typeof ref !== "string") return undefined;
  const plain = ref.replace(/\/_history\/[^/]+$/, "");
  if (!plain.startsWith("urn:uuid:") && !new RegExp(`(^|/)${type}/[^/]+$`).test(plain)) return undefined;
  return /([^/:]+)$/.exec(plain)?.[1];
}

const ms = (t: unknown): number | undefined => (typeof t === "string" ? Date.parse(t) : undefined);

/**
 * Latest version per Type/id, with deletes applied, in arrival order (docs/kpis.md, "Versions and deletes"):
 * the latest lastUpdated wins; between equal times the later arrival; a version with no time loses to any with
 * one; a delete removes the winner unless its lastUpdated is strictly later than the delete.
 */
export function finalState(versions: Iterable<Json>, deletes: readonly DeleteEntry[]): Map<string, Json> {
  const latest = new Map<string, Json>();
  for (const r of versions) {
    const key = `${r.resourceType}/${r.id}`;
    const prev = latest.get(key);
    if (!prev || (ms(r.meta?.lastUpdated) ?? -Infinity) >= (ms(prev.meta?.lastUpdated) ?? -Infinity))
      latest.set(key, r);
  }
  for (const d of deletes) {
    const key = `${d.type}/${d.id}`;
    const cur = latest.get(key);
    if (cur && !((ms(cur.meta?.lastUpdated) ?? -Infinity) > (ms(d.timestamp) ?? Infinity))) latest.delete(key);
  }
  return latest;
}

/** The final state (finalState) grouped by resource type. */
export function resourcesByType(versions: Iterable<Json>, deletes: readonly DeleteEntry[]): Map<string, Json[]> {
  const byType = new Map<string, Json[]>();
  for (const r of finalState(versions, deletes).values()) {
    const list = byType.get(r.resourceType);
    if (list) list.push(r);
    else byType.set(r.resourceType, [r]);
  }
  return byType;
}
