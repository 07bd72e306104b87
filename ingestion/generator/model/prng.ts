/**
 * A small seeded PRNG (sfc32, seeded through a string hash), so output depends only on the seed.
 * Never Math.random: the same seed must give byte-identical files.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds from any string (e.g. `${seed}/patient/${index}`); distinct strings give independent streams. */
  constructor(seed: string) {
    const h = hash128(seed);
    [this.a, this.b, this.c, this.d] = h;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform float in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** An element chosen with probability proportional to weight(item). */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const it of items) total += weight(it);
    let r = this.next() * total;
    for (const it of items) {
      r -= weight(it);
      if (r < 0) return it;
    }
    return items[items.length - 1];
  }

  /** A version-4-shaped UUID drawn from this stream (deterministic, not random). */
  uuid(): string {
    // Four 32-bit draws, formatted through a byte-to-hex table: a hot path (one or more ids per resource).
    const w0 = (this.next() * 4294967296) >>> 0;
    const w1 = (this.next() * 4294967296) >>> 0;
    const w2 = (this.next() * 4294967296) >>> 0;
    const w3 = (this.next() * 4294967296) >>> 0;
    const v = (((w2 >>> 28) & 0x3) | 0x8).toString(16); // RFC 4122 variant nibble from the draw's own bits
    return (
      hex32(w0) +
      "-" +
      HEX[w1 >>> 24] +
      HEX[(w1 >>> 16) & 0xff] +
      "-4" +
      HEX[(w1 >>> 8) & 0xff].slice(1) +
      HEX[w1 & 0xff] +
      "-" +
      v +
      HEX[(w2 >>> 24) & 0xff].slice(1) +
      HEX[(w2 >>> 16) & 0xff] +
      "-" +
      HEX[(w2 >>> 8) & 0xff] +
      HEX[w2 & 0xff] +
      hex32(w3)
    );
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex32(w: number): string {
  return HEX[w >>> 24] + HEX[(w >>> 16) & 0xff] + HEX[(w >>> 8) & 0xff] + HEX[w & 0xff];
}

/** cyrb128: four 32-bit words from a string, to seed sfc32. */
function hash128(str: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}
