import { strict as assert } from "assert";
import { depthExceeds, isInstant, readFiles } from "../../ingestion/kpi/read-files";
import LIMITS from "../../glue-jobs/lakehouse/data/json_limits.json";

describe("isInstant (the lastUpdated bronze accepts)", () => {
  it("accepts instants with seconds and a zone on real days", () => {
    for (const t of ["2024-02-29T23:59:59Z", "2024-01-01T00:00:00.123456789+05:30", "1999-12-31T12:00:00-23:59"])
      assert.equal(isInstant(t), true, t);
  });

  it("rejects dates, missing zones or seconds, impossible days, hours and zones", () => {
    const bad = [
      "2024-01-01",
      "2024-01-01T00:00:00",
      "2024-01-01T00:00Z",
      "2023-02-29T00:00:00Z",
      "2024-04-31T00:00:00Z",
      "2024-01-01T24:00:00Z",
      "2024-01-01T00:60:00Z",
      "2024-01-01T00:00:00+24:00",
      "2024-01-01T00:00:00+05:60",
    ];
    for (const t of bad) assert.equal(isInstant(t), false, t);
    assert.equal(isInstant(20240101), false);
  });
});

describe("readFiles: the depth bounds bronze applies (glue-jobs/lakehouse/data/json_limits.json)", () => {
  const patient = (id: string, extra: Record<string, unknown> = {}) => ({
    resourceType: "Patient",
    id,
    meta: { lastUpdated: "2024-03-01T10:00:00Z" },
    ...extra,
  });
  // `levels` object levels, the Patient itself the first: extensions in extensions, each inside an array.
  const nested = (id: string, levels: number) => {
    let inner: Record<string, unknown> = { url: "http://example.org/x", valueString: "leaf" };
    for (let i = 0; i < levels - 2; i++) inner = { url: "http://example.org/x", extension: [inner] };
    return patient(id, { extension: [inner] });
  };
  const bundle = (...resources: object[]) =>
    JSON.stringify({ resourceType: "Bundle", type: "collection", entry: resources.map((resource) => ({ resource })) });
  const ids = (content: string) => readFiles([{ name: "b.json", content }]).versions.map((v) => v.id);

  it("takes a resource at maxDepth object levels from a bundle nested deeper than that", () => {
    assert.deepEqual(ids(bundle(nested("n1", LIMITS.maxDepth), patient("p1"))), ["n1", "p1"]);
  });

  it("skips a resource one level past maxDepth alone; its bundle neighbours enter", () => {
    assert.deepEqual(ids(bundle(nested("n1", LIMITS.maxDepth + 1), patient("p1"))), ["p1"]);
  });

  it("skips a whole file nested one level past maxFileDepth, and reads one at it", () => {
    // Bundle { entry [ { resource { : four levels, then arrays in an element R4 refuses anyway.
    const fileOf = (depth: number) =>
      bundle(patient("p1"), patient("d", { x: JSON.parse("[".repeat(depth - 4) + "]".repeat(depth - 4)) }));
    assert.deepEqual(ids(fileOf(LIMITS.maxFileDepth)), ["p1"]);
    assert.deepEqual(ids(fileOf(LIMITS.maxFileDepth + 1)), []);
    assert.equal(depthExceeds(JSON.parse(fileOf(LIMITS.maxFileDepth)), LIMITS.maxFileDepth), false);
  });
});
