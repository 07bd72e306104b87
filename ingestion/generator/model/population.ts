import * as fs from "fs";
import Ajv from "ajv";
import { InvalidFileError, describeSchemaError } from "../../validate/schema-errors";
import schema from "./population.schema.json";
import defaultModel from "./default-population.json";
import { fakerLocaleNames } from "../people/faker-locale";

/** One coded condition of the model (ICD-10-CM + SNOMED CT). */
export interface ConditionDef {
  readonly icd10: string;
  readonly snomed: string;
  readonly display: string;
  readonly prevalence: number;
}

/** A facility of a region, written as an Organization with this id. */
export interface Facility {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  /** Format of this facility's MRNs: `#` a digit, `?` a letter (default `########`). */
  readonly mrnFormat?: string;
}

/** A national identifier a region's adults carry (see population.schema.json). */
export interface NationalId {
  readonly system: string;
  readonly format: string;
  readonly typeCode?: string;
  readonly minAge?: number;
}

/**
 * A region: country + state, its weight in the population, facilities, and what its people are drawn from:
 * name lists and faker locales (merged), streets, districts, postal-code and phone formats, a national id.
 */
export interface Region {
  readonly country: string;
  readonly state: string;
  readonly weight: number;
  readonly facilities: readonly Facility[];
  readonly familyNames?: readonly string[];
  readonly givenNames?: { readonly female?: readonly string[]; readonly male?: readonly string[] };
  readonly nameLocales?: { readonly given?: readonly string[]; readonly family?: readonly string[] };
  readonly addressLocale?: string;
  readonly streets?: readonly string[];
  readonly districts?: readonly string[];
  readonly postalCode?: string;
  readonly phone?: readonly string[];
  readonly nationalId?: NationalId;
}

/** The rates the data is built to carry; the gold layer must recover them. */
export interface PlantedRates {
  readonly inHospitalMortality: number;
  readonly readmission30d: number;
  readonly infectionShare: number;
  readonly meanLengthOfStayDays: number;
}

/** The population model (see population.schema.json and docs/generate-fhir.md). */
export interface Population {
  readonly regions: readonly Region[];
  readonly ageMix: readonly { readonly minAge: number; readonly maxAge: number; readonly weight: number }[];
  readonly sexMix: { readonly female: number; readonly male: number };
  readonly encountersPerPatient: number;
  readonly historyYears: number;
  readonly encounterMix: { readonly AMB: number; readonly EMER: number; readonly IMP: number };
  readonly conditions: { readonly chronic: readonly ConditionDef[]; readonly infectious: readonly ConditionDef[] };
  readonly plantedRates: PlantedRates;
}

/** How the default model (imported, so a compiled CLI carries it) is named in errors. */
const DEFAULT_POPULATION = "the default population model";

/** Thrown when a population file is unreadable or breaks the schema; lists every problem with its JSON path. */
export class PopulationError extends InvalidFileError {
  constructor(file: string, problems: readonly string[]) {
    super("population", file, problems);
    this.name = "PopulationError";
  }
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile<Population>(schema);

/** Checks the schema cannot express: age bands ordered, some weight in each mix, unique facility ids, faker
 * locales that exist, and names of each kind from a list or a locale. */
function semanticProblems(p: Population): string[] {
  const out: string[] = [];
  p.ageMix.forEach((b, i) => b.minAge > b.maxAge && out.push(`/ageMix/${i}: minAge is above maxAge`));
  if (p.sexMix.female + p.sexMix.male <= 0) out.push("/sexMix: weights sum to 0");
  const m = p.encounterMix;
  if (m.AMB + m.EMER + m.IMP <= 0) out.push("/encounterMix: weights sum to 0");
  const seen = new Set<string>();
  p.regions.forEach((r, i) =>
    r.facilities.forEach((f, j) => {
      if (seen.has(f.id)) out.push(`/regions/${i}/facilities/${j}/id: duplicate facility id '${f.id}'`);
      seen.add(f.id);
    }),
  );
  const known = fakerLocaleNames();
  p.regions.forEach((r, i) => {
    const at = `/regions/${i}`;
    const locales: [string, string][] = [
      ...(r.nameLocales?.given ?? []).map((l, j): [string, string] => [`${at}/nameLocales/given/${j}`, l]),
      ...(r.nameLocales?.family ?? []).map((l, j): [string, string] => [`${at}/nameLocales/family/${j}`, l]),
      ...(r.addressLocale === undefined ? [] : [[`${at}/addressLocale`, r.addressLocale] as [string, string]]),
    ];
    for (const [where, l] of locales)
      if (!known.includes(l)) out.push(`${where}: unknown faker locale '${l}' (known: ${known.join(", ")})`);
    const givenLocales = (r.nameLocales?.given ?? []).length > 0;
    for (const sex of ["female", "male"] as const)
      if (!givenLocales && (r.givenNames?.[sex] ?? []).length === 0)
        out.push(`${at}: no ${sex} given names (givenNames.${sex} or nameLocales.given)`);
    if ((r.nameLocales?.family ?? []).length === 0 && (r.familyNames ?? []).length === 0)
      out.push(`${at}: no family names (familyNames or nameLocales.family)`);
  });
  return out;
}

/** Validates a parsed population object (all errors at once); `file` names the source in errors. */
export function parsePopulation(value: unknown, file: string): Population {
  if (!validate(value)) throw new PopulationError(file, (validate.errors ?? []).map(describeSchemaError));
  const problems = semanticProblems(value);
  if (problems.length > 0) throw new PopulationError(file, problems);
  return value;
}

/** Reads and validates a population file (default: the bundled model). */
export function loadPopulation(file?: string): Population {
  if (file === undefined) return parsePopulation(structuredClone(defaultModel), DEFAULT_POPULATION);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new PopulationError(file, [`cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PopulationError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parsePopulation(value, file);
}
