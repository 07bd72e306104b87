/** Checks the FHIR JSON Schema cannot make: required elements, real calendar dates, resolvable references. */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Elements each generated type must carry (paths with dots), beyond what the schema requires. */
const REQUIRED: Record<string, readonly string[]> = {
  Patient: ["id", "meta.lastUpdated", "identifier", "name", "gender", "birthDate", "address"],
  Organization: ["id", "meta.lastUpdated", "name"],
  Encounter: [
    "id",
    "meta.lastUpdated",
    "status",
    "class.code",
    "subject.reference",
    "period.start",
    "serviceProvider.reference",
  ],
  Condition: [
    "id",
    "meta.lastUpdated",
    "clinicalStatus",
    "verificationStatus",
    "code.coding",
    "subject.reference",
    "encounter.reference",
    "onsetDateTime",
  ],
  Observation: [
    "id",
    "meta.lastUpdated",
    "status",
    "category",
    "code.coding",
    "subject.reference",
    "encounter.reference",
    "effectiveDateTime",
  ],
};

const DATE_KEYS = new Set(["birthDate", "start", "end", "lastUpdated", "timestamp"]);
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by the two digits at `i` (the shape test has made sure they are digits). */
function two(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
}

/**
 * True when `s` is a FHIR date or dateTime naming a real calendar day and time (no 30 February, no 25 o'clock).
 * A hot path (every date of every generated resource), so no Date objects and no regex captures.
 */
export function isRealDate(s: string): boolean {
  if (!DATE_SHAPE.test(s)) return false;
  const y = two(s, 0) * 100 + two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1])) return false;
  return s.length === 10 || (two(s, 11) < 24 && two(s, 14) < 60 && two(s, 17) < 60);
}

const REQUIRED_KEYS: Record<string, readonly (readonly string[])[]> = Object.fromEntries(
  Object.entries(REQUIRED).map(([t, paths]) => [t, paths.map((p) => p.split("."))]),
);

function get(r: Json, keys: readonly string[]): unknown {
  let v: unknown = r;
  for (const k of keys) v = v === null || typeof v !== "object" ? undefined : (v as Json)[k];
  return v;
}

const enum KeyKind {
  Other,
  Date,
  Reference,
}

// Resources reuse a few dozen element names; classifying each name once keeps string tests out of the walk.
const keyKinds = new Map<string, KeyKind>();
function keyKind(k: string): KeyKind {
  let kind = keyKinds.get(k);
  if (kind === undefined) {
    kind =
      DATE_KEYS.has(k) || k.endsWith("DateTime") || k === "recordedDate"
        ? KeyKind.Date
        : k === "reference"
          ? KeyKind.Reference
          : KeyKind.Other;
    if (keyKinds.size < 10_000) keyKinds.set(k, kind);
  }
  return kind;
}

/** Where the walk is: a parent chain, turned into a JSON path only when a problem is reported (keeps it cheap). */
interface At {
  readonly up: At | undefined;
  readonly key: string | number;
}

function pathOf(at: At | undefined, key: string): string {
  const parts = [key];
  for (let a = at; a; a = a.up) parts.push(String(a.key));
  return "/" + parts.reverse().join("/");
}

/** Walks a resource and reports bad dates and references not in `known` (keys `Type/id` and `urn:uuid:id`). */
function walk(v: unknown, at: At | undefined, known: ReadonlySet<string>, out: string[]): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === "object") walk(x, { up: at, key: i }, known, out);
    }
    return;
  }
  for (const k in v as Json) {
    const x = (v as Json)[k];
    if (typeof x === "string") {
      const kind = keyKind(k);
      if (kind === KeyKind.Date && !isRealDate(x)) out.push(`${pathOf(at, k)}: not a real date '${x}'`);
      else if (kind === KeyKind.Reference && !known.has(x))
        out.push(`${pathOf(at, k)}: reference '${x}' does not resolve`);
    } else if (x !== null && typeof x === "object") walk(x, { up: at, key: k }, known, out);
  }
}

/** Problems of one resource (empty when fine); `known` holds every reference target that was written. */
export function resourceProblems(r: Json, known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const keys of REQUIRED_KEYS[r.resourceType] ?? []) {
    const v = get(r, keys);
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0))
      out.push(`/${keys.join("/")}: required element missing`);
  }
  if (r.resourceType === "Patient" && r.deceasedBoolean !== undefined && r.deceasedDateTime !== undefined) {
    out.push("/deceased[x]: both deceasedBoolean and deceasedDateTime");
  }
  walk(r, undefined, known, out);
  return out;
}
