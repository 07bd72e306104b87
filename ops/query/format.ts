import { Cell, QueryResult } from "./result";

export const FORMATS = ["table", "csv", "json"] as const;
export type Format = (typeof FORMATS)[number];

/** A table cell for people: null as an en dash, fractions to 4 decimals, numbers right-aligned. */
function tableText(value: Cell): string {
  if (value === null) return "–";
  if (typeof value === "number" && !Number.isInteger(value)) return String(Number(value.toFixed(4)));
  return String(value);
}

function table(result: QueryResult): string {
  const header = result.columns.map((c) => c.name);
  const lines = [header, ...result.rows.map((row) => row.map(tableText))];
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  const numeric = result.columns.map((_, i) => result.rows.some((row) => typeof row[i] === "number"));
  const pad = (text: string, i: number) => (numeric[i] ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const rule = widths.map((w) => "-".repeat(w));
  const body = [header, rule, ...lines.slice(1)].map((line) => line.map(pad).join("  ").trimEnd());
  return `${body.join("\n")}\n(${result.rows.length} row${result.rows.length === 1 ? "" : "s"})`;
}

/** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled; null is empty. */
function csvText(value: Cell): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(result: QueryResult): string {
  const lines = [result.columns.map((c) => csvText(c.name)), ...result.rows.map((row) => row.map(csvText))];
  return lines.map((line) => line.join(",")).join("\n");
}

/** An array of row objects, column name to typed value. */
function json(result: QueryResult): string {
  const objects = result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
  return JSON.stringify(objects, null, 2);
}

/** The result as text in the chosen format, without a trailing newline. */
export function formatResult(result: QueryResult, format: Format): string {
  return { table, csv, json }[format](result);
}
