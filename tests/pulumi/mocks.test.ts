import { strict as assert } from "assert";
import * as path from "path";
import { RecordingMocks } from "./mocks";
import { buildStack } from "./stack";

describe("the shared mocks helper", () => {
  it("answers the account lookups and throws on any other call, so a new data source cannot slip in untested", () => {
    const mocks = new RecordingMocks();
    assert.equal(
      mocks.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} }).accountId,
      "123456789012",
    );
    assert.throws(
      () => mocks.call({ token: "aws:ec2/getVpc:getVpc", inputs: {} }),
      /unexpected call in mocks: aws:ec2\/getVpc:getVpc/,
    );
  });
});

describe("prod before any view exists", () => {
  it("creates the QuickSight data sources (Athena, Redshift) but no data set or dashboard", async () => {
    const { mocks, platform } = await buildStack("prod", path.join(__dirname, "fixtures", "no-views"));
    assert.deepEqual(
      mocks
        .ofType("aws:quicksight/dataSource:DataSource")
        .map((d) => d.inputs.type)
        .sort(),
      ["ATHENA", "REDSHIFT"],
    );
    assert.deepEqual(
      [mocks.ofType("aws:quicksight/dataSet:DataSet").length, mocks.ofType("aws-native:quicksight:Dashboard").length],
      [0, 0],
    );
    assert.equal(platform.dashboardId, undefined);
  });
});
