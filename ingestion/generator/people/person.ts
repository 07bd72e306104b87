import { Prng } from "../model/prng";
import { Facility, Region } from "../model/population";
import { PatientPlan } from "../model/timeline";
import { SYS, instant } from "../fhir/types";
import { identifierValue } from "./identifiers";
import { RegionPeople, regionPeople } from "./region-people";

/** The person-level elements of a Patient (names, telecom, address, identifiers), as FHIR R4 JSON. */
export interface PersonElements {
  identifier: Record<string, unknown>[];
  name: Record<string, unknown>[];
  telecom: Record<string, unknown>[];
  address: Record<string, unknown>[];
}

/** Shares of people with each optional element, drawn per patient. */
export const PERSON_RATES = {
  middleName: 0.35,
  adultPrefix: 0.4,
  doctorPrefix: 0.03,
  adultSuffix: 0.02,
  adultEmail: 0.7,
  nationalId: 0.95,
} as const;

const ADULT_YEARS = 18;
const EMAIL_YEARS = 16;
const YEAR_MS = 365.25 * 24 * 3_600_000;
const V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
const DEFAULT_MRN_FORMAT = "########";

/**
 * Draws a patient's person elements: names from the region's lists and faker locales (a middle name, a prefix
 * or a suffix for some), a home address (line, city, district, state, postal code where the region has them,
 * country), a mobile phone and for most adults an e-mail, an MRN per facility the patient visited and, for
 * adults in regions that use one, a national id. `atMs` is the age reference (death or the reference date).
 * The values come from the patient's own stream (`seed/person/index`), separate from its clinical stream, so
 * adding an element here never changes an encounter, condition or KPI.
 */
export function drawPerson(seed: string, index: number, plan: PatientPlan, atMs: number): PersonElements {
  const rng = new Prng(`${seed}/person/${index}`);
  const region = plan.region;
  const people = regionPeople(region);
  const faker = people.use(rng);
  const age = (atMs - plan.birth) / YEAR_MS;
  const name = drawName(rng, people, plan.sex, age);
  const given = (name.given as string[])[0];
  const family = name.family as string;
  const telecom: Record<string, unknown>[] = [
    { system: "phone", value: phone(rng, region, people), use: "mobile", rank: 1 },
  ];
  if (age >= EMAIL_YEARS && rng.chance(PERSON_RATES.adultEmail))
    telecom.push({ system: "email", value: faker.internet.email({ firstName: given, lastName: family }), use: "home" });
  const visited = new Map<string, Facility>();
  for (const e of plan.encounters) visited.set(e.facility.id, e.facility);
  if (visited.size === 0) visited.set(region.facilities[0].id, region.facilities[0]);
  const identifier: Record<string, unknown>[] = [...visited.values()].map((f) => ({
    use: "usual",
    type: { coding: [{ system: V2_0203, code: "MR", display: "Medical record number" }] },
    system: `${SYS.mrn}:${f.id}`,
    value: identifierValue(f.mrnFormat ?? DEFAULT_MRN_FORMAT, index, `${seed}/mrn/${f.id}`, faker),
    assigner: { reference: `Organization/${f.id}`, display: f.name },
  }));
  const nid = region.nationalId;
  if (nid !== undefined && age >= (nid.minAge ?? ADULT_YEARS) && rng.chance(PERSON_RATES.nationalId))
    identifier.push({
      use: "official",
      type: { coding: [{ system: V2_0203, code: nid.typeCode ?? "NI" }] },
      system: nid.system,
      value: identifierValue(nid.format, index, `${seed}/national-id/${nid.system}`, faker),
    });
  const city = plan.encounters[0]?.facility.city ?? region.facilities[0].city;
  return { identifier, name: [name], telecom, address: [homeAddress(rng, region, city)] };
}

/** An official name: family, one or two given names, and for some adults a prefix or a suffix. */
function drawName(rng: Prng, people: RegionPeople, sex: "female" | "male", age: number): Record<string, unknown> {
  const first = rng.pick(people[sex]);
  const given = [first];
  if (rng.chance(PERSON_RATES.middleName)) {
    const second = rng.pick(people[sex]);
    if (second !== first) given.push(second);
  }
  const name: Record<string, unknown> = { use: "official", family: rng.pick(people.family), given };
  if (age >= ADULT_YEARS && rng.chance(PERSON_RATES.adultPrefix)) {
    const common = sex === "female" ? ["Mrs.", "Ms.", "Miss"] : ["Mr."];
    name.prefix = [rng.chance(PERSON_RATES.doctorPrefix) ? "Dr." : rng.pick(common)];
  }
  if (age >= ADULT_YEARS && rng.chance(PERSON_RATES.adultSuffix)) name.suffix = [people.use(rng).person.suffix()];
  return name;
}

/** A home address in the region: a street line, the city, a district and postal code where the region has
 * them. */
export function homeAddress(rng: Prng, region: Region, city: string): Record<string, unknown> {
  const faker = regionPeople(region).use(rng);
  const street = region.streets !== undefined ? rng.pick(region.streets) : faker.location.street();
  const a: Record<string, unknown> = { use: "home", type: "physical", line: [`${rng.int(1, 250)} ${street}`], city };
  if (region.districts !== undefined) a.district = rng.pick(region.districts);
  a.state = region.state;
  if (region.postalCode !== undefined) a.postalCode = faker.helpers.replaceSymbols(region.postalCode);
  a.country = region.country;
  return a;
}

function phone(rng: Prng, region: Region, people: RegionPeople): string {
  const faker = people.use(rng);
  if (region.phone !== undefined) return faker.helpers.replaceSymbols(rng.pick(region.phone));
  return faker.phone.number({ style: "international" });
}

/** A version of the Patient after moving within its region: the new home first, the old one `old` and ended. */
export function moved(
  rng: Prng,
  region: Region,
  patient: Record<string, unknown>,
  atMs: number,
): Record<string, unknown> {
  const old = (patient.address as Record<string, unknown>[])[0];
  const next = { ...homeAddress(rng, region, old.city as string), period: { start: instant(atMs) } };
  return { ...patient, address: [next, { ...old, use: "old", period: { end: instant(atMs) } }] };
}

/** A version of the Patient after a change of family name: the new official name first, the old one `maiden`
 * (women) or `old`, ended. */
export function renamed(
  rng: Prng,
  region: Region,
  patient: Record<string, unknown>,
  atMs: number,
): Record<string, unknown> {
  const names = patient.name as Record<string, unknown>[];
  const old = names[0];
  let family = rng.pick(regionPeople(region).family);
  if (family === old.family) family = rng.pick(regionPeople(region).family);
  const use = patient.gender === "female" ? "maiden" : "old";
  return {
    ...patient,
    name: [
      { ...old, family, period: { start: instant(atMs) } },
      { ...old, use, period: { end: instant(atMs) } },
      ...names.slice(1),
    ],
  };
}
