// The project's one infection value set file (docs/kpis.md), shared by every engine; imported so a compiled CLI
// carries it.
import valueSet from "../../glue-jobs/lakehouse/data/infection_value_set.json";

export interface ValueSetFile {
  icd10: { systems: string[]; prefixes: string[] };
  snomed: { systems: string[]; codes: Record<string, string> };
}

/** Tells whether a coding is in the infection value set. */
export type InfectionTest = (system: unknown, code: unknown) => boolean;

const norm = (c: string): string => c.replace(/\./g, "").toUpperCase();

/** Loads the value set into a test; ICD-10 codes match by prefix, without dots, case-insensitively. */
export function loadInfectionTest(vs: ValueSetFile = valueSet): InfectionTest {
  const icdSystems = new Set(vs.icd10.systems);
  const prefixes = vs.icd10.prefixes.map(norm);
  const snoSystems = new Set(vs.snomed.systems);
  const snoCodes = new Set(Object.keys(vs.snomed.codes));
  return (system, code) => {
    if (typeof system !== "string" || typeof code !== "string") return false;
    if (icdSystems.has(system)) return prefixes.some((p) => norm(code).startsWith(p));
    return snoSystems.has(system) && snoCodes.has(code);
  };
}
