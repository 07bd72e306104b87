import { strict as assert } from "assert";
import { isRealDate, resourceProblems } from "../../ingestion/validate/checks";
import { InvalidResourceError, assertSchemaValid } from "../../ingestion/validate/validator";
import { PopulationError, loadPopulation, parsePopulation } from "../../ingestion/generator/model/population";

describe("generate-fhir validation", () => {
  it("accepts real calendar dates and rejects 30 February, 25 o'clock and free text", () => {
    assert.ok(isRealDate("2024-02-29") && isRealDate("2024-03-01T10:00:00Z"));
    assert.ok(
      !isRealDate("2025-02-29") &&
        !isRealDate("2024-02-30T00:00:00Z") &&
        !isRealDate("2024-01-01T25:00:00Z") &&
        !isRealDate("soon"),
    );
  });

  it("names missing required elements, both deceased fields and unresolved references", () => {
    const p = {
      resourceType: "Patient",
      id: "p1",
      meta: { lastUpdated: "2024-01-01T00:00:00Z" },
      deceasedBoolean: true,
      deceasedDateTime: "2024-01-01",
    };
    const problems = resourceProblems(p, new Set());
    assert.ok(problems.includes("/identifier: required element missing"));
    assert.ok(problems.includes("/deceased[x]: both deceasedBoolean and deceasedDateTime"));
    const c = {
      resourceType: "Condition",
      id: "c",
      meta: { lastUpdated: "2024-01-01T00:00:00Z" },
      subject: { reference: "Patient/zz" },
    };
    assert.ok(resourceProblems(c, new Set()).includes("/subject/reference: reference 'Patient/zz' does not resolve"));
  });

  it("stops on a schema-invalid resource inside a bundle, naming it", () => {
    const bad = {
      resourceType: "Encounter",
      id: "e1",
      status: "finished",
      class: { code: "IMP" },
      actualPeriod: { start: "2024-01-01" },
    };
    const bundle = {
      resourceType: "Bundle",
      type: "transaction",
      entry: [{ fullUrl: "urn:uuid:1", resource: bad, request: { method: "PUT", url: "Encounter/e1" } }],
    };
    assert.throws(
      () => assertSchemaValid(bundle),
      (e: InvalidResourceError) => e.resource === "Encounter/e1" && /actualPeriod/.test(e.message),
    );
  });

  it("the bundled population model is valid, and semantic errors are named by path", () => {
    const pop = JSON.parse(JSON.stringify(loadPopulation()));
    pop.ageMix[0].minAge = 50;
    pop.regions[1].facilities[0].id = pop.regions[0].facilities[0].id;
    assert.throws(
      () => parsePopulation(pop, "p.json"),
      (e: PopulationError) =>
        e.problems.includes("/ageMix/0: minAge is above maxAge") &&
        e.problems.some((x) => x.startsWith("/regions/1/facilities/0/id: duplicate")),
    );
  });
});

describe("real-date check against the calendar", () => {
  it("agrees with Date's calendar on every day of 1896-2104 and on impossible days", () => {
    for (let y = 1896; y <= 2104; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const real = new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
          assert.equal(isRealDate(text), real, text);
          assert.equal(isRealDate(`${text}T23:59:59Z`), real, `${text}T23:59:59Z`);
        }
      }
    }
  });

  it(
    "rejects months 00 and 13, day 00, hour 24, minute 60, " + "and a bad offset shape; accepts fractions and offsets",
    () => {
      for (const bad of [
        "2024-00-10",
        "2024-13-01",
        "2024-01-00",
        "2024-01-01T24:00:00Z",
        "2024-01-01T10:60:00Z",
        "2024-01-01T10:00:60Z",
        "2024-01-01T10:00:00",
        "2024-01-01T10:00:00+1:00",
        "2024-1-01",
      ]) {
        assert.equal(isRealDate(bad), false, bad);
      }
      for (const good of ["0001-01-01", "2024-01-01T10:00:00.123Z", "2024-01-01T10:00:00+05:30", "2000-02-29"])
        assert.equal(isRealDate(good), true, good);
    },
  );
});
