/**
 * One cell to one element value, or the reason it cannot be one. Reasons never carry the cell's value: a
 * register holds patient data, and rejects.csv and the console are read by people who may not see it.
 */
import { CompiledField } from "./mapping";
import { DateParts, dateText, dateTimeText, partsOfCellDate } from "./date-format";

/** A cell as the readers give it: text (CSV, most XLSX cells), or a Date/number/boolean from a typed XLSX cell. */
export type Cell = string | number | boolean | Date | undefined;

/** Why a row is rejected (the `reason` column of rejects.csv; counted per reason in the manifest). */
export type RejectReason =
  | "wrong-cell-count"
  | "missing-value"
  | "bad-date"
  | "impossible-date"
  | "future-date"
  | "unknown-code"
  | "bad-number"
  | "bad-boolean"
  | "bad-id"
  | "duplicate-id"
  | "conflicting-repeat"
  | "dangling-reference"
  | "end-before-start"
  | "invalid-resource";

/** A rejection: the field (mapping key) it concerns, the reason, and a detail from the mapping, never the data. */
export interface Problem {
  readonly field: string;
  readonly reason: RejectReason;
  readonly detail: string;
}

/** What a converted field holds: FHIR JSON text/boolean/number, plus the instant (ms) of dates for checks. */
export type Converted = { value: string | boolean | number; ms?: number } | { problem: Problem } | undefined;

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
// The lake's range (glue-jobs/lakehouse/data/time_range.json): anything before it is no real date.
const EARLIEST_MS = Date.UTC(1800, 0, 1);

function text(c: Cell): string {
  if (c instanceof Date) return c.toISOString();
  return c === undefined ? "" : String(c).trim();
}

function problem(f: CompiledField, reason: RejectReason, detail: string): Converted {
  return { problem: { field: f.name, reason, detail } };
}

function convertDate(f: CompiledField, c: Cell, utcOffset: string, nowMs: number): Converted {
  let p: DateParts | undefined;
  if (c instanceof Date) p = partsOfCellDate(c);
  else p = f.parseDate!(text(c));
  if (!p) return problem(f, "bad-date", `not a real date in the format ${f.format}`);
  const out = f.def.type.kind === "date" ? dateText(p) : dateTimeText(p, utcOffset);
  const ms = Date.parse(out.length === 10 ? `${out}T00:00:00Z` : out);
  if (ms < EARLIEST_MS) return problem(f, "impossible-date", "before 1800-01-01");
  if (ms > nowMs) return problem(f, "future-date", "after the time of the import");
  return { value: out, ms };
}

function translate(f: CompiledField, raw: string): string | boolean | undefined {
  const codes = f.spec.codes;
  if (!codes) return raw;
  return Object.prototype.hasOwnProperty.call(codes, raw) ? codes[raw] : undefined;
}

/**
 * Converts one cell for a field (a `value` field ignores the cell). Empty cells give undefined (the builder
 * leaves the element out, or rejects the row when the element is required).
 */
export function convert(f: CompiledField, c: Cell, utcOffset: string, nowMs: number): Converted {
  const t = f.def.type;
  const cell: Cell = f.spec.value !== undefined ? f.spec.value : c;
  if (text(cell) === "") return undefined;
  if (t.kind === "date" || t.kind === "dateTime") return convertDate(f, cell, utcOffset, nowMs);
  const mapped = translate(f, text(cell));
  if (mapped === undefined) return problem(f, "unknown-code", "not one of the mapping's codes");
  switch (t.kind) {
    case "boolean":
      if (typeof mapped === "boolean") return { value: mapped };
      if (/^(true|false)$/i.test(mapped)) return { value: mapped.toLowerCase() === "true" };
      return problem(f, "bad-boolean", "not true or false (map codes to true/false)");
    case "number":
      return NUMBER.test(String(mapped)) ? { value: Number(mapped) } : problem(f, "bad-number", "not a number");
    case "id":
    case "reference":
      return ID.test(String(mapped))
        ? { value: String(mapped) }
        : problem(f, "bad-id", "not a FHIR id (1-64 of A-Z a-z 0-9 - .)");
    case "code":
      if (t.allowed && !t.allowed.includes(String(mapped)))
        return problem(f, "unknown-code", `not one of ${t.allowed.join(", ")}`);
      return { value: String(mapped) };
    default:
      return { value: String(mapped) };
  }
}
