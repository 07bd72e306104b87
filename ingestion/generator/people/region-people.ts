import type { Faker } from "@faker-js/faker";
import { Prng } from "../model/prng";
import { Region } from "../model/population";
import { fakerDrawingFrom, localeDefinitions } from "./faker-locale";

/** Default locale for a region's streets, phone numbers and e-mail domains. */
export const DEFAULT_ADDRESS_LOCALE = "en";

/**
 * What a region's people are drawn from: name lists (the region's own lists and its faker locales' names,
 * merged once), and a Faker whose every draw comes from the stream set in `use` (so a patient's values depend
 * on its own seeded stream only, never on which thread built the patients before it).
 */
export interface RegionPeople {
  readonly female: readonly string[];
  readonly male: readonly string[];
  readonly family: readonly string[];
  /** Points the Faker at `rng` for the next draws and returns it. */
  use(rng: Prng): Faker;
}

const cache = new WeakMap<Region, RegionPeople>();

/** The region's people sources, built on first use in each thread. */
export function regionPeople(region: Region): RegionPeople {
  let p = cache.get(region);
  if (p === undefined) {
    p = build(region);
    cache.set(region, p);
  }
  return p;
}

function build(region: Region): RegionPeople {
  const given = region.nameLocales?.given ?? [];
  const family = region.nameLocales?.family ?? [];
  const female = merge(region.givenNames?.female, given, (l) => localeDefinitions(l).person?.first_name?.female);
  const male = merge(region.givenNames?.male, given, (l) => localeDefinitions(l).person?.first_name?.male);
  const last = merge(region.familyNames, family, (l) => localeDefinitions(l).person?.last_name?.generic);
  let current: Prng | undefined;
  const faker = fakerDrawingFrom(region.addressLocale ?? DEFAULT_ADDRESS_LOCALE, () => {
    if (current === undefined) throw new Error("regionPeople: use(rng) before drawing");
    return current.next();
  });
  return {
    female,
    male,
    family: last,
    use(rng: Prng): Faker {
      current = rng;
      return faker;
    },
  };
}

/** The region's own names then each locale's, without repeats, in a fixed order (so draws are stable). */
function merge(
  own: readonly string[] | undefined,
  locales: readonly string[],
  names: (locale: string) => readonly string[] | undefined,
): string[] {
  const out = new Set(own ?? []);
  for (const l of locales) for (const n of names(l) ?? []) out.add(n);
  return [...out];
}
