/**
 * The mapping file of import-csv (docs/import-csv.md): read, checked against mapping.schema.json and against
 * the elements each resource type has (elements.ts), compiled so rows are turned into resources without lookups.
 */
import * as fs from "fs";
import Ajv from "ajv";
import schema from "./mapping.schema.json";
import FLAT_TEMPLATE from "./flat-template.mapping.json";
import { InvalidFileError, describeSchemaError } from "../validate/schema-errors";
import { ELEMENTS, ElementDef, IMPORT_TYPES, ImportType } from "./elements";
import { DateParser, compileDateFormat } from "./date-format";

/** One field of a table as written in the mapping file. */
export interface FieldSpec {
  readonly column?: string;
  readonly value?: string | boolean;
  readonly format?: string;
  readonly codes?: Record<string, string | boolean>;
  /** For an id field: the id is a hash of these columns' cells (a table with no id column of its own). */
  readonly hashOf?: readonly string[];
  /** The column may be missing from the header; the field is then empty on every row. */
  readonly optionalColumn?: boolean;
  /** Every row (that has this resource) needs a value, though the element is optional in FHIR. */
  readonly required?: boolean;
}

/** One resource a table's rows produce, as written in the mapping file (`outputs[]`). */
export interface OutputSpec {
  readonly resourceType: ImportType;
  readonly fields: Record<string, FieldSpec>;
  /** The same id may come in several rows: written once, and a later row that disagrees is rejected. */
  readonly repeats?: boolean;
  /** Written only for rows with a value in one of these columns (otherwise the row has no such resource). */
  readonly when?: readonly string[];
}

/** One register table (a CSV file, or one sheet of a workbook) as written in the mapping file. */
export interface TableSpec {
  readonly file: string;
  readonly sheet?: string;
  readonly delimiter?: string;
  /** One resource per row: its type and fields (or `outputs` instead). */
  readonly resourceType?: ImportType;
  readonly fields?: Record<string, FieldSpec>;
  /** Several resources per row (a flat table), imported in IMPORT_TYPES order. */
  readonly outputs?: readonly OutputSpec[];
}

/** The mapping file as written. */
export interface MappingSpec {
  readonly dateFormat?: string;
  readonly dateTimeFormat?: string;
  readonly utcOffset?: string;
  readonly tables: readonly TableSpec[];
}

/** A field ready to convert cells: its element, its JSON path in the mapping, and its date parser if any. */
export interface CompiledField {
  readonly name: string;
  readonly def: ElementDef;
  readonly spec: FieldSpec;
  readonly at: string;
  readonly parseDate?: DateParser;
  readonly format?: string;
}

/** One resource of a table's rows, ready to build: `at` is its JSON path in the mapping. */
export interface CompiledOutput {
  readonly resourceType: ImportType;
  readonly at: string;
  readonly fields: readonly CompiledField[];
  readonly repeats: boolean;
  readonly when?: readonly string[];
}

/** A table ready to import; its outputs in IMPORT_TYPES order (a reference points to an earlier one). */
export interface CompiledTable {
  readonly spec: TableSpec;
  readonly at: string;
  readonly outputs: readonly CompiledOutput[];
}

/** The checked mapping; `file` is the path it was read from (named in errors). */
export interface Mapping {
  readonly file: string;
  readonly utcOffset: string;
  readonly tables: readonly CompiledTable[];
}

/** Thrown for a mapping that cannot be used; every problem names its JSON path. Nothing has been written. */
export class MappingError extends InvalidFileError {
  constructor(file: string, problems: readonly string[]) {
    super("mapping", file, problems);
    this.name = "MappingError";
  }
}

const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile<MappingSpec>(schema);

const DEFAULT_FORMATS = { date: "YYYY-MM-DD", dateTime: "YYYY-MM-DD HH:mm:ss" };

/** The outputs a table spec names, each with its JSON path: `outputs[]`, or the table's own type and fields. */
function outputSpecs(t: TableSpec, i: number): { spec: OutputSpec; at: string }[] {
  if (t.outputs) return t.outputs.map((spec, k) => ({ spec, at: `/tables/${i}/outputs/${k}` }));
  if (t.resourceType === undefined || t.fields === undefined) return [];
  return [{ spec: { resourceType: t.resourceType, fields: t.fields }, at: `/tables/${i}` }];
}

function tableProblems(t: TableSpec, i: number): string[] {
  const single = t.resourceType !== undefined || t.fields !== undefined;
  if (single === (t.outputs !== undefined)) return [`/tables/${i}: give 'resourceType' and 'fields', or 'outputs'`];
  if (single && (t.resourceType === undefined || t.fields === undefined))
    return [`/tables/${i}: give both 'resourceType' and 'fields'`];
  const types = (t.outputs ?? []).map((o) => o.resourceType);
  const twice = types.findIndex((x, k) => types.indexOf(x) !== k);
  return twice < 0 ? [] : [`/tables/${i}/outputs/${twice}: a second ${types[twice]} output`];
}

function fieldSpecProblems(f: FieldSpec, at: string, kind: string | undefined): string[] {
  const out: string[] = [];
  const sources = [f.column, f.value, f.hashOf].filter((x) => x !== undefined).length;
  if (sources !== 1) out.push(`${at}: give 'column' or 'value' (or for an id 'hashOf'; exactly one)`);
  if (f.hashOf !== undefined && kind !== "id") out.push(`${at}/hashOf: only an id field takes hashOf`);
  if (f.format !== undefined && kind !== "date" && kind !== "dateTime")
    out.push(`${at}/format: only date fields take a format`);
  if (f.codes !== undefined && (kind === "date" || kind === "dateTime"))
    out.push(`${at}/codes: date fields take no codes`);
  return out;
}

function fieldProblems(o: OutputSpec, at: string): string[] {
  const out: string[] = [];
  const known = ELEMENTS[o.resourceType];
  for (const name of Object.keys(o.fields))
    if (!Object.hasOwn(known, name))
      out.push(`${at}/fields/${name}: unknown field for ${o.resourceType} (known: ${Object.keys(known).join(", ")})`);
  for (const [name, def] of Object.entries(known))
    if (def.required && !Object.hasOwn(o.fields, name)) out.push(`${at}/fields: missing required field '${name}'`);
  for (const [name, f] of Object.entries(o.fields)) {
    const kind = Object.hasOwn(known, name) ? known[name].type.kind : undefined;
    out.push(...fieldSpecProblems(f, `${at}/fields/${name}`, kind));
  }
  return out;
}

function compileOutput(m: MappingSpec, o: OutputSpec, oat: string, out: string[]): CompiledOutput {
  const fields: CompiledField[] = [];
  for (const [name, spec] of Object.entries(o.fields)) {
    if (!Object.hasOwn(ELEMENTS[o.resourceType], name)) continue;
    const def = ELEMENTS[o.resourceType][name];
    const at = `${oat}/fields/${name}`;
    const kind = def.type.kind;
    let parseDate: DateParser | undefined;
    let format: string | undefined;
    if (kind === "date" || kind === "dateTime") {
      const own = spec.format !== undefined;
      format = spec.format ?? (kind === "date" ? m.dateFormat : m.dateTimeFormat) ?? DEFAULT_FORMATS[kind];
      try {
        parseDate = compileDateFormat(format);
      } catch (err) {
        if (own) out.push(`${at}/format: ${(err as Error).message}`);
      }
    }
    fields.push({ name, def, spec, at, parseDate, format });
  }
  return { resourceType: o.resourceType, at: oat, fields, repeats: o.repeats ?? false, when: o.when };
}

function compileTable(m: MappingSpec, t: TableSpec, i: number, out: string[]): CompiledTable {
  const rank = (o: CompiledOutput): number => IMPORT_TYPES.indexOf(o.resourceType);
  const outputs = outputSpecs(t, i).map((o) => compileOutput(m, o.spec, o.at, out));
  return { spec: t, at: `/tables/${i}`, outputs: outputs.sort((a, b) => rank(a) - rank(b)) };
}

function globalFormatProblems(m: MappingSpec): string[] {
  const out: string[] = [];
  for (const key of ["dateFormat", "dateTimeFormat"] as const) {
    const f = m[key];
    if (f === undefined) continue;
    try {
      compileDateFormat(f);
    } catch (err) {
      out.push(`/${key}: ${(err as Error).message}`);
    }
  }
  return out;
}

function duplicateTableProblems(m: MappingSpec): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  m.tables.forEach((t, i) => {
    const key = `${t.file}#${t.sheet ?? ""}`;
    if (seen.has(key)) out.push(`/tables/${i}: the same file and sheet as /tables/${seen.get(key)}`);
    seen.set(key, i);
    if (t.file.endsWith(".xlsx") && t.sheet === undefined) out.push(`/tables/${i}: an .xlsx table needs 'sheet'`);
    if (t.file.endsWith(".csv") && t.sheet !== undefined) out.push(`/tables/${i}/sheet: a .csv file has no sheets`);
  });
  return out;
}

/** Checks a parsed mapping (all problems at once) and compiles it; `file` names the source in errors. */
export function parseMapping(value: unknown, file: string): Mapping {
  if (!validate(value)) throw new MappingError(file, (validate.errors ?? []).map(describeSchemaError));
  const problems = [...globalFormatProblems(value), ...duplicateTableProblems(value)];
  value.tables.forEach((t, i) => {
    problems.push(...tableProblems(t, i));
    for (const o of outputSpecs(t, i)) problems.push(...fieldProblems(o.spec, o.at));
  });
  const tables = value.tables.map((t, i) => compileTable(value, t, i, problems));
  if (problems.length > 0) throw new MappingError(file, problems);
  return { file, utcOffset: value.utcOffset ?? "Z", tables };
}

/** Reads and checks a mapping file. */
export function loadMapping(file: string): Mapping {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new MappingError(file, [e.code ? `cannot read file: ${e.code}` : `not valid JSON: ${e.message}`]);
  }
  return parseMapping(value, file);
}

/** The path of the bundled mapping of the flat template (docs/import-csv.md), as errors and manifests name it. */
export const FLAT_TEMPLATE_MAPPING = "ingestion/csv-import/flat-template.mapping.json";

/** The bundled mapping of the flat template: one row per encounter diagnosis, any .csv or first sheet of an .xlsx. */
export function flatTemplateMapping(): Mapping {
  return parseMapping(structuredClone(FLAT_TEMPLATE), FLAT_TEMPLATE_MAPPING);
}

/** Checks that every column a table names is in its header row; throws a MappingError naming the JSON paths. */
export function checkHeader(m: Mapping, t: CompiledTable, header: readonly string[], file = t.spec.file): void {
  const have = new Set(header);
  const where = t.spec.sheet === undefined ? file : `${file} sheet '${t.spec.sheet}'`;
  const problems: string[] = [];
  const missing = (c: string): boolean => !have.has(c);
  for (const o of t.outputs) {
    for (const f of o.fields) {
      if (f.spec.column !== undefined && !f.spec.optionalColumn && missing(f.spec.column))
        problems.push(`${f.at}/column: column '${f.spec.column}' is not in the header of ${where}`);
      const absent = (f.spec.hashOf ?? []).find(missing);
      if (absent) problems.push(`${f.at}/hashOf: column '${absent}' is not in the header of ${where}`);
    }
    const absent = (o.when ?? []).find(missing);
    if (absent) problems.push(`${o.at}/when: column '${absent}' is not in the header of ${where}`);
  }
  const dup = header.filter((h, i) => h !== "" && header.indexOf(h) !== i);
  if (dup.length > 0) problems.push(`${t.at}: the header of ${where} repeats column '${dup[0]}'`);
  if (problems.length > 0) throw new MappingError(m.file, problems);
}
