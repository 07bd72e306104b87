/**
 * The mapping file of import-csv (docs/import-csv.md): read, checked against mapping.schema.json and against
 * the elements each resource type has (elements.ts), compiled so rows are turned into resources without lookups.
 */
import * as fs from "fs";
import Ajv from "ajv";
import schema from "./mapping.schema.json";
import { InvalidFileError, describeSchemaError } from "../validate/schema-errors";
import { ELEMENTS, ElementDef, ImportType } from "./elements";
import { DateParser, compileDateFormat } from "./date-format";

/** One field of a table as written in the mapping file. */
export interface FieldSpec {
  readonly column?: string;
  readonly value?: string | boolean;
  readonly format?: string;
  readonly codes?: Record<string, string | boolean>;
}

/** One register table (a CSV file, or one sheet of a workbook) as written in the mapping file. */
export interface TableSpec {
  readonly file: string;
  readonly sheet?: string;
  readonly delimiter?: string;
  readonly resourceType: ImportType;
  readonly fields: Record<string, FieldSpec>;
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

/** A table ready to import. */
export interface CompiledTable {
  readonly spec: TableSpec;
  readonly at: string;
  readonly fields: readonly CompiledField[];
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

function fieldProblems(t: TableSpec, i: number): string[] {
  const out: string[] = [];
  const known = ELEMENTS[t.resourceType];
  for (const name of Object.keys(t.fields))
    if (!Object.hasOwn(known, name))
      out.push(
        `/tables/${i}/fields/${name}: unknown field for ${t.resourceType} (known: ${Object.keys(known).join(", ")})`,
      );
  for (const [name, def] of Object.entries(known))
    if (def.required && !Object.hasOwn(t.fields, name))
      out.push(`/tables/${i}/fields: missing required field '${name}'`);
  for (const [name, f] of Object.entries(t.fields)) {
    const kind = Object.hasOwn(known, name) ? known[name].type.kind : undefined;
    if ((f.column === undefined) === (f.value === undefined))
      out.push(`/tables/${i}/fields/${name}: give 'column' or 'value' (exactly one)`);
    if (f.format !== undefined && kind !== "date" && kind !== "dateTime")
      out.push(`/tables/${i}/fields/${name}/format: only date fields take a format`);
    if (f.codes !== undefined && (kind === "date" || kind === "dateTime"))
      out.push(`/tables/${i}/fields/${name}/codes: date fields take no codes`);
  }
  return out;
}

function compileTable(m: MappingSpec, t: TableSpec, i: number, out: string[]): CompiledTable {
  const fields: CompiledField[] = [];
  for (const [name, spec] of Object.entries(t.fields)) {
    if (!Object.hasOwn(ELEMENTS[t.resourceType], name)) continue;
    const def = ELEMENTS[t.resourceType][name];
    const at = `/tables/${i}/fields/${name}`;
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
  return { spec: t, at: `/tables/${i}`, fields };
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
  value.tables.forEach((t, i) => problems.push(...fieldProblems(t, i)));
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

/** Checks that every column a table names is in its header row; throws a MappingError naming the JSON paths. */
export function checkHeader(m: Mapping, t: CompiledTable, header: readonly string[]): void {
  const have = new Set(header);
  const where = t.spec.sheet === undefined ? t.spec.file : `${t.spec.file} sheet '${t.spec.sheet}'`;
  const problems = t.fields
    .filter((f) => f.spec.column !== undefined && !have.has(f.spec.column))
    .map((f) => `${f.at}/column: column '${f.spec.column}' is not in the header of ${where}`);
  const dup = header.filter((h, i) => h !== "" && header.indexOf(h) !== i);
  if (dup.length > 0) problems.push(`${t.at}: the header of ${where} repeats column '${dup[0]}'`);
  if (problems.length > 0) throw new MappingError(m.file, problems);
}
