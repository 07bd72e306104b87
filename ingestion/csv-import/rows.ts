/**
 * One register row to one resource, or to the one reason it is rejected: cell count, each field's value
 * (values.ts), required fields, date order, duplicate ids, dangling references, then the FHIR validator the
 * generator's output passes (ingestion/validate).
 */
import { fhirValidator } from "../validate/fhir-schema";
import { resourceProblems } from "../validate/checks";
import { ImportType, ORDERED } from "./elements";
import { CompiledTable } from "./mapping";
import { IdRegistry } from "./references";
import { Values, buildResource } from "./builders";
import { Cell, Problem, convert } from "./values";

type Json = Record<string, unknown>;

/** What a row became. */
export type RowResult = { resource: Json } | { problem: Problem };

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

const fail = (field: string, reason: Problem["reason"], detail: string): RowResult => ({
  problem: { field, reason, detail },
});

function widthProblem(ctx: RowContext, cells: readonly Cell[]): RowResult | undefined {
  const extra = cells.slice(ctx.width).some((c) => c !== undefined && String(c).trim() !== "");
  if ((ctx.strictWidth && cells.length !== ctx.width) || extra)
    return fail("", "wrong-cell-count", `${cells.length} cells, the header has ${ctx.width}`);
  return undefined;
}

function values(
  ctx: RowContext,
  cells: readonly Cell[],
): { values: Map<string, string | boolean | number> } | RowResult {
  const out = new Map<string, string | boolean | number>();
  const ms = new Map<string, number>();
  for (const f of ctx.table.fields) {
    const at = f.spec.column === undefined ? undefined : ctx.columns.get(f.spec.column);
    const c = convert(f, at === undefined ? undefined : cells[at], ctx.utcOffset, ctx.nowMs);
    if (c === undefined) {
      if (f.def.required) return fail(f.name, "missing-value", "required, and the cell is empty");
      continue;
    }
    if ("problem" in c) return c;
    out.set(f.name, c.value);
    if (c.ms !== undefined) ms.set(f.name, c.ms);
  }
  const order = ORDERED[ctx.table.spec.resourceType];
  if (order && ms.has(order[0]) && ms.has(order[1]) && ms.get(order[1])! < ms.get(order[0])!)
    return fail(order[1], "end-before-start", `before ${order[0]}`);
  return { values: out };
}

function referenceProblem(ctx: RowContext, v: Values): RowResult | undefined {
  for (const f of ctx.table.fields) {
    const t = f.def.type;
    const id = v.get(f.name);
    if (t.kind === "reference" && id !== undefined && !ctx.registry.resolves(t.target, String(id)))
      return fail(f.name, "dangling-reference", `no ${t.target} with that id in this import`);
  }
  return undefined;
}

function validatorProblem(r: Json): RowResult | undefined {
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

/** Turns one row into a resource (and records its id) or into the reason it is rejected. */
export function convertRow(ctx: RowContext, cells: readonly Cell[]): RowResult {
  const type: ImportType = ctx.table.spec.resourceType;
  const bad = widthProblem(ctx, cells);
  if (bad) return bad;
  const v = values(ctx, cells);
  if (!("values" in v)) return v;
  const id = String(v.values.get("id"));
  if (ctx.registry.has(type, id)) return fail("id", "duplicate-id", `an earlier row has the same ${type} id`);
  const dangling = referenceProblem(ctx, v.values);
  if (dangling) return dangling;
  const resource = buildResource(type, v.values, ctx.lastUpdated);
  const invalid = validatorProblem(resource);
  if (invalid) return invalid;
  ctx.registry.add(type, id);
  return { resource };
}
