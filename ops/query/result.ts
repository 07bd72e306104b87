/** A query's result, the same whichever engine ran it (Athena, or Spark over a local lake). */
export type Cell = string | number | boolean | null;

export interface Column {
  readonly name: string;
  /** Athena's type name: varchar, bigint, double, boolean, timestamp, ... */
  readonly type: string;
}

export interface QueryResult {
  readonly columns: readonly Column[];
  readonly rows: readonly Cell[][];
}

const INTEGER_TYPES = new Set(["tinyint", "smallint", "integer", "int", "bigint"]);
const FLOAT_TYPES = new Set(["real", "float", "double"]);

/**
 * One cell from its text (Athena returns every value as a string, a null as no value): numbers and booleans
 * typed; an integer beyond 2^53 stays text rather than lose digits; other types (decimal, dates) stay text.
 */
export function typedCell(type: string, text: string | undefined): Cell {
  if (text === undefined) return null;
  if (INTEGER_TYPES.has(type)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if (FLOAT_TYPES.has(type)) return Number(text);
  if (type === "boolean") return text === "true";
  return text;
}
