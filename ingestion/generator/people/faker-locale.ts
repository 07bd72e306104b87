import * as fs from "fs";
import * as path from "path";
import type { Faker, LocaleDefinition } from "@faker-js/faker";

/**
 * Faker's locales, loaded one module at a time: faker's index loads all 70 (~31 MB in every worker thread),
 * one locale module ~9 MB and each further one ~1 MB.
 */
const loaded = new Map<string, Faker>();
let names: string[] | undefined;

/** The locale names this faker ships (file names under its dist/locale folder, read once). */
export function fakerLocaleNames(): string[] {
  names ??= fs
    .readdirSync(path.dirname(require.resolve("@faker-js/faker/locale/en")))
    .filter((f) => f.endsWith(".cjs"))
    .map((f) => f.slice(0, -".cjs".length))
    .sort();
  return names;
}

/** Faker's instance for `name` (its definitions fall back to `en` and `base`, as faker's own do). */
export function localeFaker(name: string): Faker {
  let f = loaded.get(name);
  if (f === undefined) {
    // Only a name faker ships reaches require(): never a path.
    if (!fakerLocaleNames().includes(name)) throw new Error(`unknown faker locale '${name}'`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    f = (require(`@faker-js/faker/locale/${name}`) as { faker: Faker }).faker;
    loaded.set(name, f);
  }
  return f;
}

/** The merged definitions of a locale (its own, then `en`, then `base`). */
export function localeDefinitions(name: string): LocaleDefinition {
  return localeFaker(name).rawDefinitions;
}

/** A Faker over `name`'s definitions that draws every value from `next` (our seeded stream), never its own. */
export function fakerDrawingFrom(name: string, next: () => number): Faker {
  const FakerClass = localeFaker(name).constructor as new (o: {
    locale: LocaleDefinition;
    randomizer: { next(): number; seed(): void };
  }) => Faker;
  return new FakerClass({
    locale: localeDefinitions(name),
    randomizer: {
      next,
      seed: () => {
        throw new Error("this Faker is seeded by the generator's own stream");
      },
    },
  });
}
