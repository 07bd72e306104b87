import { strict as assert } from "assert";
import { RecordingMocks } from "../mocks";
import { buildStack } from "../stack";

const TRAIL = "aws:cloudtrail/trail:Trail";

describe("the audit trail in the stacks", () => {
  let dev: RecordingMocks;
  let prod: RecordingMocks;
  before(async () => {
    dev = (await buildStack("dev")).mocks;
    prod = (await buildStack("prod")).mocks;
  });

  it("is multi-region, validates log files and encrypts them with its own rotating key", () => {
    for (const m of [dev, prod]) {
      const t = m.one(TRAIL, "-trail-trail").inputs;
      assert.deepEqual(
        [t.isMultiRegionTrail, t.includeGlobalServiceEvents, t.enableLogFileValidation],
        [true, true, true],
      );
      const key = m.one("aws:kms/key:Key", "-trail-key");
      assert.equal(t.kmsKeyId, key.state.arn);
      assert.equal(key.inputs.enableKeyRotation, true);
      assert.match(t.s3BucketName, /-audit-trail-0000000$/);
    }
  });

  it("records object events of raw, bronze and silver only, and item events of the audit table", () => {
    const selectors = prod.one(TRAIL, "-trail-trail").inputs.advancedEventSelectors;
    const s3 = selectors.find((s: { name: string }) => s.name === "phi-zone-objects").fieldSelectors;
    const prefixes = s3.find((f: { field: string }) => f.field === "resources.ARN").startsWiths;
    const bucket = (z: string) => prod.one("aws:s3/bucket:Bucket", `fhirlake-prod-${z}`).state.arn;
    assert.deepEqual(
      prefixes,
      ["raw", "bronze", "silver"].map((z) => `${bucket(z)}/`),
    );
    const ddb = selectors.find((s: { name: string }) => s.name === "audit-table-items").fieldSelectors;
    assert.deepEqual(ddb[2], {
      field: "resources.ARN",
      equals: [prod.one("aws:dynamodb/table:Table", "-audit-table").state.arn],
    });
  });

  it("prod locks log files in compliance mode for the configured days; dev has no lock", () => {
    const lock = prod.one("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "-object-lock");
    assert.deepEqual(lock.inputs.rule, { defaultRetention: { mode: "COMPLIANCE", days: 2555 } });
    assert.equal(prod.one("aws:s3/bucket:Bucket", "-audit-trail").inputs.objectLockEnabled, true);
    assert.equal(dev.ofType("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2").length, 0);
    assert.equal(dev.one("aws:s3/bucket:Bucket", "-audit-trail").inputs.objectLockEnabled, undefined);
  });

  it("the trail bucket lets CloudTrail write this trail's logs only, over TLS, and logs its own access", () => {
    const doc = JSON.parse(prod.one("aws:s3/bucketPolicy:BucketPolicy", "-audit-trail-policy").inputs.policy);
    const write = doc.Statement.find((s: { Sid: string }) => s.Sid === "CloudTrailWritesLogs");
    assert.equal(
      write.Condition.StringEquals["aws:SourceArn"],
      "arn:aws:cloudtrail:us-east-1:123456789012:trail/fhirlake-prod-audit-trail",
    );
    assert.ok(doc.Statement.some((s: { Sid: string }) => s.Sid === "DenyInsecureTransport"));
    assert.ok(prod.one("aws:s3/bucketLogging:BucketLogging", "-audit-trail-logging"));
  });
});
