import { strict as assert } from "assert";
import { buildStack } from "./stack";

describe("whole stack (smoke)", () => {
  it("builds dev", async () => {
    const { mocks } = await buildStack("dev");
    const counts: Record<string, number> = {};
    for (const r of mocks.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    console.log(counts);
    assert.ok(mocks.resources.length > 50);
  });
});
