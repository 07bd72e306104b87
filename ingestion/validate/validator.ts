import { describeFhirError, fhirValidator } from "./fhir-schema";
import { resourceProblems } from "./checks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Thrown when generated output is invalid; names the resource (Type/id) and every problem. */
export class InvalidResourceError extends Error {
  constructor(
    readonly resource: string,
    readonly problems: readonly string[],
  ) {
    super(`Generated ${resource} is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InvalidResourceError";
  }
}

/** Validates a file's content (a Bundle, or one resource) against the FHIR R4 schema; throws on failure. */
export function assertSchemaValid(doc: Json): void {
  const validate = fhirValidator();
  if (validate(doc) as boolean) return;
  const errs = (validate.errors ?? []).map(describeFhirError);
  const m = /^\/entry\/(\d+)/.exec(validate.errors?.[0]?.instancePath ?? "");
  const r = m ? doc.entry[Number(m[1])]?.resource : doc;
  throw new InvalidResourceError(`${r?.resourceType ?? doc.resourceType}/${r?.id ?? "?"}`, errs);
}

/** Runs the extra checks on each resource; `known` is the set of reference targets that resolve. */
export function assertResourcesSound(resources: readonly Json[], known: ReadonlySet<string>): void {
  for (const r of resources) {
    const problems = resourceProblems(r, known);
    if (problems.length > 0) throw new InvalidResourceError(`${r.resourceType}/${r.id}`, problems);
  }
}
