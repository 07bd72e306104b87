import { ErrorObject } from "ajv";

/** One readable line per ajv error of a config-like file: JSON path, then the problem (missing or unknown key). */
export function describeSchemaError(e: ErrorObject): string {
  const at = e.instancePath === "" ? "/" : e.instancePath;
  if (e.keyword === "required") return `${at}: missing required key '${String(e.params.missingProperty)}'`;
  if (e.keyword === "additionalProperties") return `${at}: unknown key '${String(e.params.additionalProperty)}'`;
  return `${at}: ${e.message ?? e.keyword}`;
}

/** A file of settings that cannot be used: names the file and lists every problem (JSON path first). */
export class InvalidFileError extends Error {
  constructor(
    kind: string,
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid ${kind} file ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}
