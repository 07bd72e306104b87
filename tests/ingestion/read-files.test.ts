import { strict as assert } from "assert";
import { isInstant } from "../../ingestion/kpi/read-files";

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
