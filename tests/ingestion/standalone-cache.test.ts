import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { compileFhirValidator, fhirValidator } from "../../ingestion/validate/fhir-schema";
import { cachedStandalone } from "../../ingestion/validate/standalone-cache";

type Json = Record<string, unknown>;

describe("validator disk cache (ajv standalone code)", () => {
  const schema = { type: "object", required: ["n"], properties: { n: { type: "integer", minimum: 1 } } };
  const compile = () => {
    const ajv = new Ajv({ code: { source: true } });
    return { ajv, validate: ajv.compile(schema) };
  };

  it("compiles once, writes the code, and a later call loads it from disk with the same verdicts", () => {
    const key = `test-${process.pid}-${Date.now()}`;
    let compiles = 0;
    const counted = () => (compiles++, compile());
    const first = cachedStandalone("cache-test", [key], counted);
    const second = cachedStandalone("cache-test", [key], counted);
    assert.equal(compiles, 1, "the second call must load the cached code, not compile");
    const file = fs
      .readdirSync(path.join("node_modules", ".cache", "fhir-lakehouse"))
      .find((f) => f.startsWith("cache-test-"));
    assert.ok(file, "cache file written");
    for (const doc of [{ n: 3 }, { n: 0 }, { n: "x" }, {}]) {
      assert.equal(second(doc), first(doc), JSON.stringify(doc));
      assert.deepEqual(second.errors ?? null, first.errors ?? null);
    }
    fs.rmSync(path.join("node_modules", ".cache", "fhir-lakehouse", file));
  });

  it("another key compiles afresh (a changed schema never reuses stale code)", () => {
    let compiles = 0;
    const counted = () => (compiles++, compile());
    cachedStandalone("cache-test", [`a-${process.pid}-${Date.now()}`], counted);
    cachedStandalone("cache-test", [`b-${process.pid}-${Date.now()}`], counted);
    assert.equal(compiles, 2);
    for (const f of fs.readdirSync(path.join("node_modules", ".cache", "fhir-lakehouse"))) {
      if (f.startsWith("cache-test-")) fs.rmSync(path.join("node_modules", ".cache", "fhir-lakehouse", f));
    }
  });

  it("the generator's cached FHIR validator agrees with a fresh compile of HL7's schema", () => {
    const cached = fhirValidator();
    const fresh = compileFhirValidator();
    const meta = { lastUpdated: "2024-01-01T00:00:00Z" };
    const docs: Json[] = [
      { resourceType: "Patient", id: "p", meta, gender: "female", birthDate: "1980-02-01" },
      { resourceType: "Patient", id: "p", gender: "bogus" },
      { resourceType: "Patient", id: "p", colour: "red" },
      {
        resourceType: "Encounter",
        id: "e",
        status: "finished",
        class: { code: "IMP" },
        actualPeriod: { start: "2024-01-01" },
      },
      { resourceType: "Observation", id: "o", status: "final", code: { text: "x" }, valueQuantity: { value: "high" } },
      { resourceType: "Medication", id: "m" },
      {
        resourceType: "Bundle",
        type: "transaction",
        entry: [
          {
            fullUrl: "urn:uuid:1",
            resource: { resourceType: "Patient", id: "a" },
            request: { method: "POST", url: "Patient" },
          },
        ],
      },
      {
        resourceType: "Bundle",
        type: "transaction",
        entry: [
          { resource: { resourceType: "Patient", id: "a", gender: 1 }, request: { method: "POST", url: "Patient" } },
        ],
      },
    ];
    const verdicts = docs.map((d) => fresh(d));
    assert.deepEqual(verdicts, [true, false, false, false, false, false, true, false]);
    for (const [i, d] of docs.entries()) {
      assert.equal(cached(d), verdicts[i], JSON.stringify(d));
      assert.deepEqual(cached.errors ?? null, fresh(d) ? null : fresh.errors, JSON.stringify(d));
    }
  });
});
