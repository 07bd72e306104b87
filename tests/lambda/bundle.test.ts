import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { bundleLambda } from "../../components/ingest/lambda-bundle";

describe("the ingest trigger bundle shipped to Lambda", () => {
  it("is one CommonJS file whose handler loads and refuses to run without its environment", async () => {
    const code = bundleLambda(path.join(__dirname, "..", "..", "lambda", "ingest-trigger.ts"));
    const dir = path.join(__dirname, "..", ".tmp");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "ingest-trigger-bundle.js");
    fs.writeFileSync(file, code);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { handler: (e: unknown) => Promise<unknown> };
    assert.equal(typeof mod.handler, "function");
    const saved = { w: process.env.WORKFLOW_NAME, r: process.env.RAW_PREFIX };
    delete process.env.WORKFLOW_NAME;
    try {
      await assert.rejects(mod.handler({ action: "recheck" }), /WORKFLOW_NAME and RAW_PREFIX must be set/);
    } finally {
      if (saved.w !== undefined) process.env.WORKFLOW_NAME = saved.w;
      if (saved.r !== undefined) process.env.RAW_PREFIX = saved.r;
    }
  });
});
