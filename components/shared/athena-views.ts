import * as fs from "fs";
import * as path from "path";

/** One column of a view, with its Presto/Trino type as written in the SQL header. */
export interface ViewColumn {
  readonly name: string;
  readonly type: string;
}

/** A view read from athena/views/<name>.sql. */
export interface AthenaViewFile {
  readonly name: string;
  /** The SELECT of the view (any `create or replace view ... as` prefix and trailing `;` removed). */
  readonly sql: string;
  readonly columns: readonly ViewColumn[];
  /**
   * True when the file has a `-- internal: <why>` line: a building block the other views read (a Glue view
   * like any other, queryable in Athena), not a QuickSight data set or dashboard sheet of its own.
   */
  readonly internal: boolean;
}

const HIVE_TYPES: Readonly<Record<string, string>> = { varchar: "string", integer: "int", real: "float" };

/** The Hive type Glue stores for a Presto type (varchar -> string, integer -> int; others are spelled alike). */
export function hiveType(prestoType: string): string {
  const t = prestoType.toLowerCase();
  const base = t.replace(/\(.*\)$/, "");
  return HIVE_TYPES[base] ?? t;
}

/** Reads the `-- columns: name type, name type` header; the error names the file. */
export function parseColumnsHeader(file: string, text: string): ViewColumn[] {
  const match = /^\s*--\s*columns:\s*(.+)$/im.exec(text);
  if (!match)
    throw new Error(
      `${file}: missing header comment '-- columns: <name> <type>, ...' (needed for the Athena view's column list)`,
    );
  return match[1].split(/,(?![^(]*\))/).map((part, i) => {
    const [name, ...type] = part.trim().split(/\s+/);
    if (!name || type.length === 0 || !/^[a-z_][a-z0-9_]*$/.test(name)) {
      throw new Error(
        `${file}: column ${i + 1} of the '-- columns:' header must be '<lowercase_name> <type>', got '${part.trim()}'`,
      );
    }
    return { name, type: type.join(" ").toLowerCase() };
  });
}

/** Parses one view file: name from the file name, SQL body, declared columns. */
export function parseViewFile(file: string, text: string): AthenaViewFile {
  const name = path.basename(file, ".sql");
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`${file}: view file names must be lowercase snake_case (${name})`);
  const body = text
    .replace(/^\s*--.*$/gm, "")
    .trim()
    .replace(/;\s*$/, "")
    .replace(/^create\s+(or\s+replace\s+)?view\s+[\w."]+\s+as\s+/i, "")
    .trim();
  if (body === "") throw new Error(`${file}: no SQL after the comments`);
  return { name, sql: body, columns: parseColumnsHeader(file, text), internal: /^\s*--\s*internal:/im.test(text) };
}

/** Every athena/views/*.sql file in `dir`, sorted by name; none when the folder does not exist yet. */
export function readViewFiles(dir: string): AthenaViewFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => parseViewFile(path.join(dir, f), fs.readFileSync(path.join(dir, f), "utf8")));
}

/**
 * The Glue table text Athena reads a view from: `/* Presto View: <base64 JSON> *\/`, the encoding Athena's own
 * CREATE VIEW writes (originalSql, catalog, schema, columns).
 */
export function prestoViewOriginalText(view: AthenaViewFile, schema: string): string {
  const json = JSON.stringify({
    originalSql: view.sql,
    catalog: "awsdatacatalog",
    schema,
    columns: view.columns.map((c) => ({ name: c.name, type: c.type })),
  });
  return `/* Presto View: ${Buffer.from(json, "utf8").toString("base64")} */`;
}

/** Decodes prestoViewOriginalText (tests and reviewers use it to read a declared view back). */
export function decodePrestoView(text: string): {
  originalSql: string;
  catalog: string;
  schema: string;
  columns: ViewColumn[];
} {
  const match = /^\/\* Presto View: ([A-Za-z0-9+/=]+) \*\/$/.exec(text);
  if (!match) throw new Error("not a Presto view text");
  return JSON.parse(Buffer.from(match[1], "base64").toString("utf8"));
}
