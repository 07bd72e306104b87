import type { Faker } from "@faker-js/faker";
import { Prng } from "../model/prng";

/**
 * Identifier values in a format: `#` a digit, `?` an upper-case letter, anything else kept. The digits are a
 * bijection of the patient index (index * M + offset mod 10^k, M coprime to 10; offset from `salt`), so two
 * patients never share a value while there are fewer than 10^k of them, yet values look random. Letters come
 * from the patient's stream.
 */
export function identifierValue(format: string, index: number, salt: string, faker: Faker): string {
  const k = [...format].filter((c) => c === "#").length;
  const digits = k === 0 ? "" : permutedDigits(index, salt, k);
  let d = 0;
  let out = "";
  for (const c of format) {
    if (c === "#") out += digits[d++];
    else if (c === "?") out += faker.string.alpha({ length: 1, casing: "upper" });
    else out += c;
  }
  return out;
}

const MULTIPLIER = 7_919_113n; // odd and not a multiple of 5: invertible modulo every power of 10
const offsets = new Map<string, bigint>();

function permutedDigits(index: number, salt: string, k: number): string {
  const mod = 10n ** BigInt(k);
  const key = `${salt}/${k}`;
  let off = offsets.get(key);
  if (off === undefined) {
    const rng = new Prng(key);
    off = 0n;
    for (let i = 0; i < k; i++) off = off * 10n + BigInt(rng.int(0, 9));
    offsets.set(key, off);
  }
  return ((BigInt(index) * MULTIPLIER + off) % mod).toString().padStart(k, "0");
}
