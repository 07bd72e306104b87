/** Checks the FHIR JSON Schema cannot make: required elements, real calendar dates, resolvable references. */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Elements each generated type must carry (paths with dots), beyond what the schema requires. */
const REQUIRED: Record<string, readonly string[]> = {
  Patient: ["id", "meta.lastUpdated", "identifier", "name", "gender", "birthDate", "address"],
  Organization: ["id", "meta.lastUpdated", "name"],
  Encounter: ["id", "meta.lastUpdated", "status", "class.code", "subject.reference", "period.start", "serviceProvider.reference"],
  Condition: ["id", "meta.lastUpdated", "clinicalStatus", "verificationStatus", "code.coding", "subject.reference", "encounter.reference", "onsetDateTime"],
  Observation: ["id", "meta.lastUpdated", "status", "category", "code.coding", "subject.reference", "encounter.reference", "effectiveDateTime"],
};

const DATE_KEYS = new Set(["birthDate", "start", "end", "lastUpdated", "timestamp"]);
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;

/** True when `s` is a FHIR date or dateTime naming a real calendar day and time (no 30 February). */
export function isRealDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return false;
  return m[4] === undefined || (Number(m[5]) < 24 && Number(m[6]) < 60 && Number(m[7]) < 60);
}

const REQUIRED_KEYS: Record<string, readonly (readonly string[])[]> = Object.fromEntries(
  Object.entries(REQUIRED).map(([t, paths]) => [t, paths.map((p) => p.split("."))]),
);

function get(r: Json, keys: readonly string[]): unknown {
  let v: unknown = r;
  for (const k of keys) v = v === null || typeof v !== "object" ? undefined : (v as Json)[k];
  return v;
}

// Generated resources repeat the same few timestamps many times; remember the verdicts (bounded).
const dateVerdicts = new Map<string, boolean>();
function realDateCached(s: string): boolean {
  let ok = dateVerdicts.get(s);
  if (ok === undefined) {
    if (dateVerdicts.size > 10_000) dateVerdicts.clear();
    ok = isRealDate(s);
    dateVerdicts.set(s, ok);
  }
  return ok;
}

/** Walks a resource and reports bad dates and references not in `known` (keys `Type/id` and `urn:uuid:id`). */
function walk(v: unknown, at: string, known: ReadonlySet<string>, out: string[]): void {
  if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}/${i}`, known, out));
  if (v === null || typeof v !== "object") return;
  for (const k in v as Json) {
    const x = (v as Json)[k];
    if (typeof x === "string") {
      // Paths are built only for problems, to keep the walk cheap.
      if ((DATE_KEYS.has(k) || k.endsWith("DateTime") || k === "recordedDate") && !realDateCached(x)) out.push(`${at}/${k}: not a real date '${x}'`);
      else if (k === "reference" && !known.has(x)) out.push(`${at}/${k}: reference '${x}' does not resolve`);
    } else if (x !== null && typeof x === "object") walk(x, `${at}/${k}`, known, out);
  }
}

/** Problems of one resource (empty when fine); `known` holds every reference target that was written. */
export function resourceProblems(r: Json, known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const keys of REQUIRED_KEYS[r.resourceType] ?? []) {
    const v = get(r, keys);
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) out.push(`/${keys.join("/")}: required element missing`);
  }
  if (r.resourceType === "Patient" && r.deceasedBoolean !== undefined && r.deceasedDateTime !== undefined) {
    out.push("/deceased[x]: both deceasedBoolean and deceasedDateTime");
  }
  walk(r, "", known, out);
  return out;
}
