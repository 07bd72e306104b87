import * as fs from "fs";
import * as path from "path";
import Ajv, { ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import { StackConfig } from "./stack-config";
import schema from "./stack-config.schema.json";

/** Thrown when a stack config file is missing, unparseable or breaks the schema; lists every problem. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid stack config ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ["email"]);
const validate = ajv.compile<StackConfig>(schema);

/** One readable line per ajv error: the JSON path of the field, then what is wrong with it. */
export function describeError(e: ErrorObject): string {
  const at = e.instancePath === "" ? "/" : e.instancePath;
  switch (e.keyword) {
    case "required":
      return `${at}: missing required key '${String(e.params.missingProperty)}'`;
    case "additionalProperties":
      return `${at}: unknown key '${String(e.params.additionalProperty)}'`;
    case "enum":
      return `${at}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return `${at}: ${e.message ?? e.keyword}`;
  }
}

/** Validates a parsed config object; `file` only names the source in errors. */
export function parseStackConfig(value: unknown, file: string): StackConfig {
  if (validate(value)) return value;
  throw new ConfigError(file, (validate.errors ?? []).map(describeError));
}

/** Reads and validates `<dir>/<stack>.json` (dir defaults to this folder), before any resource is declared. */
export function loadStackConfig(stack: string, dir: string = __dirname): StackConfig {
  return loadConfigFile(path.join(dir, `${stack}.json`));
}

/** Reads and validates one config file by path. */
export function loadConfigFile(file: string): StackConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(file, [`cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseStackConfig(value, file);
}
