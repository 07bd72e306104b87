import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { settle, useMocks, valueOf } from "./mocks";

describe("the Pulumi program (index.ts) under mocks", () => {
  it("loads config/<stack>.json for the selected stack and exports what a user needs", async () => {
    const mocks = await useMocks("dev");
    // Required after setMocks so its resources register with the mock monitor.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require("../../index") as Record<string, unknown>;
    await settle(mocks);
    assert.equal(program.environment, "dev");
    assert.equal(await valueOf(program.workflowName as pulumi.Output<string>), "fhirlake-dev-medallion");
    assert.match(await valueOf(program.rawUploadUri as pulumi.Output<string>), /^s3:\/\/fhirlake-dev-raw-\w+\/fhir\/$/);
    assert.equal(await valueOf(program.athenaWorkgroup as pulumi.Output<string>), "fhirlake-dev-analytics");
    assert.deepEqual(Object.keys(await valueOf(program.bucketNames as pulumi.Output<Record<string, string>>)).sort(), [
      "access-logs",
      "athena-results",
      "bronze",
      "gold",
      "quarantine",
      "raw",
      "scripts",
      "silver",
    ]);
    assert.match(String(program.dashboardUrl), /QuickSight dashboards are off/);
  });

  it("declares no raw AWS resource itself: index.ts only wires components", () => {
    const source = fs.readFileSync(path.join(__dirname, "..", "..", "index.ts"), "utf8");
    assert.doesNotMatch(source, /@pulumi\/aws|new aws\./);
    assert.match(source, /loadStackConfig\(pulumi\.getStack\(\)\)/);
  });
});
