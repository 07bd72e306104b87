import { strict as assert } from "assert";
import { date, instant } from "../../ingestion/generator/fhir/time-text";
import { Prng } from "../../ingestion/generator/model/prng";

describe("FHIR time text", () => {
  const iso = (ms: number): string => new Date(ms).toISOString();

  it("equals toISOString, to the second, on 200,000 times across years 0000-9999", () => {
    const rng = new Prng("time-text");
    const lo = new Date(0).setUTCFullYear(0, 0, 1);
    const hi = new Date(0).setUTCFullYear(9999, 11, 31);
    for (let i = 0; i < 200_000; i++) {
      const ms = Math.floor(rng.range(lo, hi) / 1000) * 1000;
      assert.equal(instant(ms), iso(ms).replace(".000Z", "Z"), `instant(${ms})`);
      assert.equal(date(ms), iso(ms).slice(0, 10), `date(${ms})`);
    }
  });

  it("gets the edges right: epoch, leap days, century rules, the last second of a year", () => {
    const cases = [
      "1970-01-01T00:00:00Z",
      "2000-02-29T12:00:00Z",
      "1900-03-01T00:00:00Z",
      "2024-02-29T23:59:59Z",
      "1999-12-31T23:59:59Z",
      "0000-01-01T00:00:00Z",
      "1969-12-31T23:59:59Z",
    ];
    for (const c of cases) assert.equal(instant(Date.parse(c)), c);
    assert.equal(date(Date.parse("2100-02-28T23:59:59Z") + 1000), "2100-03-01");
  });

  it("keeps milliseconds and out-of-range years exactly as toISOString writes them", () => {
    assert.equal(instant(Date.parse("2024-05-01T08:30:00.250Z")), "2024-05-01T08:30:00.250Z");
    const far = new Date(0).setUTCFullYear(12000, 0, 1);
    assert.equal(instant(far), iso(far).replace(".000Z", "Z"));
  });
});
