import { strict as assert } from "assert";
import { isRealDate, resourceProblems } from "../../ingestion/validate/checks";
import { InvalidResourceError, assertSchemaValid } from "../../ingestion/validate/validator";
import { PopulationError, loadPopulation, parsePopulation } from "../../ingestion/model/population";

describe("generate-fhir validation", () => {
  it("accepts real calendar dates and rejects 30 February, 25 o'clock and free text", () => {
    assert.ok(isRealDate("2024-02-29") && isRealDate("2024-03-01T10:00:00Z"));
    assert.ok(!isRealDate("2025-02-29") && !isRealDate("2024-02-30T00:00:00Z") && !isRealDate("2024-01-01T25:00:00Z") && !isRealDate("soon"));
  });

  it("names missing required elements, both deceased fields and unresolved references", () => {
    const p = { resourceType: "Patient", id: "p1", meta: { lastUpdated: "2024-01-01T00:00:00Z" }, deceasedBoolean: true, deceasedDateTime: "2024-01-01" };
    const problems = resourceProblems(p, new Set());
    assert.ok(problems.includes("/identifier: required element missing"));
    assert.ok(problems.includes("/deceased[x]: both deceasedBoolean and deceasedDateTime"));
    const c = { resourceType: "Condition", id: "c", meta: { lastUpdated: "2024-01-01T00:00:00Z" }, subject: { reference: "Patient/zz" } };
    assert.ok(resourceProblems(c, new Set()).includes("/subject/reference: reference 'Patient/zz' does not resolve"));
  });

  it("stops on a schema-invalid resource inside a bundle, naming it", () => {
    const bad = { resourceType: "Encounter", id: "e1", status: "finished", class: { code: "IMP" }, actualPeriod: { start: "2024-01-01" } };
    const bundle = { resourceType: "Bundle", type: "transaction", entry: [{ fullUrl: "urn:uuid:1", resource: bad, request: { method: "PUT", url: "Encounter/e1" } }] };
    assert.throws(() => assertSchemaValid(bundle), (e: InvalidResourceError) => e.resource === "Encounter/e1" && /actualPeriod/.test(e.message));
  });

  it("the bundled population model is valid, and semantic errors are named by path", () => {
    const pop = JSON.parse(JSON.stringify(loadPopulation()));
    pop.ageMix[0].minAge = 50;
    pop.regions[1].facilities[0].id = pop.regions[0].facilities[0].id;
    assert.throws(
      () => parsePopulation(pop, "p.json"),
      (e: PopulationError) => e.problems.includes("/ageMix/0: minAge is above maxAge") && e.problems.some((x) => x.startsWith("/regions/1/facilities/0/id: duplicate")),
    );
  });
});
