/**
 * One register row to its resources (one per output of the table), or to the one reason it is rejected: cell
 * count, each field's value (values.ts), required fields, date order, duplicate ids or repeats that disagree,
 * dangling references, then the FHIR validator the generator's output passes (ingestion/validate).
 */
import { fhirValidator } from "../validate/fhir-schema";
import { resourceProblems } from "../validate/checks";
import { ImportType, ORDERED } from "./elements";
import { createHash } from "crypto";
import { CompiledOutput, CompiledTable } from "./mapping";
import { IdRegistry } from "./references";
import { Values, buildResource } from "./builders";
import { Cell, Converted, Problem, convert } from "./values";

type Json = Record<string, unknown>;

/** What a row became: the new resources to write and the types it repeated, or why it is rejected. */
export type RowResult = { resources: Json[]; repeated: ImportType[] } | { problem: Problem; column: string };

/** Everything a table's rows share: the table, where each column is, the registry and the import's clock. */
export interface RowContext {
  readonly table: CompiledTable;
  readonly columns: ReadonlyMap<string, number>;
  readonly width: number;
  readonly strictWidth: boolean;
  readonly registry: IdRegistry;
  readonly utcOffset: string;
  readonly nowMs: number;
  readonly lastUpdated: string;
}

// References are checked by the registry (only between the tables of this import); the validator's own check
// of references is for the generator's closed world, so every reference passes it here.
const ANY_REFERENCE: ReadonlySet<string> = { has: () => true } as unknown as ReadonlySet<string>;

type Failed = { problem: Problem };
const fail = (field: string, reason: Problem["reason"], detail: string): Failed => ({
  problem: { field, reason, detail },
});

function widthProblem(ctx: RowContext, cells: readonly Cell[]): Failed | undefined {
  const extra = cells.slice(ctx.width).some((c) => c !== undefined && String(c).trim() !== "");
  if ((ctx.strictWidth && cells.length !== ctx.width) || extra)
    return fail("", "wrong-cell-count", `${cells.length} cells, the header has ${ctx.width}`);
  return undefined;
}

const cellText = (c: Cell): string => (c instanceof Date ? c.toISOString() : c === undefined ? "" : String(c).trim());
const cellOf = (ctx: RowContext, cells: readonly Cell[], column: string | undefined): Cell => {
  const at = column === undefined ? undefined : ctx.columns.get(column);
  return at === undefined ? undefined : cells[at];
};

const mapDefined = <T, U>(x: T | undefined, f: (x: T) => U): U | undefined => (x === undefined ? undefined : f(x));

/** An id made from several cells (`hashOf`): the same cells give the same id, in any import. */
function hashedId(ctx: RowContext, cells: readonly Cell[], columns: readonly string[]): string | undefined {
  const parts = columns.map((c) => cellText(cellOf(ctx, cells, c)));
  if (parts.every((p) => p === "")) return undefined;
  return createHash("sha256").update(parts.join("\u001f")).digest("hex").slice(0, 32);
}

/** true when `b` lies before `a`: by day when either is a date (the register's own day), else by instant. */
function before(o: CompiledOutput, v: Values, ms: ReadonlyMap<string, number>, [a, b]: readonly [string, string]) {
  if (!v.has(a) || !v.has(b)) return false;
  const isDate = (n: string): boolean => o.fields.find((f) => f.name === n)?.def.type.kind === "date";
  if (isDate(a) || isDate(b)) return String(v.get(b)).slice(0, 10) < String(v.get(a)).slice(0, 10);
  return ms.get(b)! < ms.get(a)!;
}

function values(ctx: RowContext, o: CompiledOutput, cells: readonly Cell[]): { values: Values } | Failed {
  const out = new Map<string, string | boolean | number>();
  const ms = new Map<string, number>();
  for (const f of o.fields) {
    const c: Converted = f.spec.hashOf
      ? mapDefined(hashedId(ctx, cells, f.spec.hashOf), (value) => ({ value }))
      : convert(f, cellOf(ctx, cells, f.spec.column), ctx.utcOffset, ctx.nowMs);
    if (c === undefined) {
      if (f.def.required || f.spec.required) return fail(f.name, "missing-value", "required, and the cell is empty");
      continue;
    }
    if ("problem" in c) return c;
    out.set(f.name, c.value);
    if (c.ms !== undefined) ms.set(f.name, c.ms);
  }
  const order = ORDERED[o.resourceType];
  if (order && before(o, out, ms, order)) return fail(order[1], "end-before-start", `before ${order[0]}`);
  return { values: out };
}

function referenceProblem(ctx: RowContext, o: CompiledOutput, v: Values, row: RowIds): Failed | undefined {
  for (const f of o.fields) {
    const t = f.def.type;
    const id = v.get(f.name);
    if (t.kind !== "reference" || id === undefined) continue;
    if (!ctx.registry.resolves(t.target, String(id)) && row.get(t.target) !== String(id))
      return fail(f.name, "dangling-reference", `no ${t.target} with that id in this import`);
  }
  return undefined;
}

function validatorProblem(r: Json): Failed | undefined {
  const validate = fhirValidator();
  if (!(validate(r) as boolean)) {
    const at = validate.errors?.[0]?.instancePath || "/";
    return fail(at, "invalid-resource", `the FHIR R4 schema refuses ${at}`);
  }
  // Required elements are the generator's (names, addresses, ...); a register carries what it carries.
  const problems = resourceProblems(r, ANY_REFERENCE).filter((p) => !p.endsWith("required element missing"));
  if (problems.length > 0) {
    const at = problems[0].split(":")[0];
    return fail(at, "invalid-resource", `the FHIR checks refuse ${at}`);
  }
  return undefined;
}

/** The ids of the resources this row has produced so far, by type (a reference may point to them). */
type RowIds = Map<ImportType, string>;

/** The first field whose value differs from the row that wrote the resource (a repeat must agree). */
function conflict(o: CompiledOutput, v: Values, first: string): Failed | undefined {
  const was = new Map<string, unknown>(JSON.parse(first) as [string, unknown][]);
  const f = o.fields.find((x) => was.get(x.name) !== v.get(x.name));
  return f && fail(f.name, "conflicting-repeat", `differs from an earlier row of the same ${o.resourceType} id (kept)`);
}

type Step = { resource?: Json; id: string; values?: string; repeated?: boolean } | Failed | undefined;

/** One output of a row: a new resource, a repeat of one already written, nothing (`when`), or a problem. */
function convertOutput(ctx: RowContext, o: CompiledOutput, cells: readonly Cell[], row: RowIds): Step {
  if (o.when && o.when.every((c) => cellText(cellOf(ctx, cells, c)) === "")) return undefined;
  const v = values(ctx, o, cells);
  if (!("values" in v)) return v;
  const type = o.resourceType;
  const id = String(v.values.get("id"));
  if (ctx.registry.has(type, id)) {
    const first = o.repeats ? ctx.registry.first(type, id) : undefined;
    if (first === undefined) return fail("id", "duplicate-id", `an earlier row has the same ${type} id`);
    return conflict(o, v.values, first) ?? { id, repeated: true };
  }
  const dangling = referenceProblem(ctx, o, v.values, row);
  if (dangling) return dangling;
  const resource = buildResource(type, v.values, ctx.lastUpdated);
  const invalid = validatorProblem(resource);
  if (invalid) return invalid;
  return { resource, id, values: o.repeats ? JSON.stringify([...v.values]) : undefined };
}

/**
 * Turns one row into its resources (recording their ids) or into the one reason it is rejected: a row is
 * imported whole or not at all. A repeating resource already written by an earlier row is not written again.
 */
export function convertRow(ctx: RowContext, cells: readonly Cell[]): RowResult {
  const bad = widthProblem(ctx, cells);
  if (bad) return { ...bad, column: "" };
  const row: RowIds = new Map();
  const done: { o: CompiledOutput; resource: Json; id: string; values?: string }[] = [];
  const repeated: ImportType[] = [];
  for (const o of ctx.table.outputs) {
    const r = convertOutput(ctx, o, cells, row);
    if (r === undefined) continue;
    if ("problem" in r) return { problem: qualified(ctx, o, r.problem), column: columnOf(o, r.problem.field) };
    row.set(o.resourceType, r.id);
    if (r.resource) done.push({ o, resource: r.resource, id: r.id, values: r.values });
    else repeated.push(o.resourceType);
  }
  for (const d of done) ctx.registry.add(d.o.resourceType, d.id, d.values);
  return { resources: done.map((d) => d.resource), repeated };
}

/** The field as rejects.csv names it: the mapping's field, with its type in a table of several outputs. */
function qualified(ctx: RowContext, o: CompiledOutput, p: Problem): Problem {
  return ctx.table.spec.outputs && p.field !== "" ? { ...p, field: `${o.resourceType}.${p.field}` } : p;
}

/** The header(s) a field reads (several for a `hashOf` id), "" for a constant or a JSON path. */
function columnOf(o: CompiledOutput, field: string): string {
  const spec = o.fields.find((f) => f.name === field)?.spec;
  return spec?.column ?? spec?.hashOf?.join(" ") ?? "";
}
