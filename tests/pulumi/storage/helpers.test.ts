import { strict as assert } from "assert";
import { secureBucketPolicy } from "../../../components/storage/bucket-policies";
import { KEY_ACCOUNT_ACTIONS, lakeKeyPolicy } from "../../../components/storage/kms-policy";
import { lifecycleRules } from "../../../components/storage/lifecycle";

describe("lifecycle rules", () => {
  const settings = {
    rawExpirationDays: null,
    noncurrentVersionExpirationDays: 90,
    infrequentAccessAfterDays: 90,
    athenaResultsExpirationDays: 30,
    accessLogsExpirationDays: 365,
  };
  it("keeps raw files forever when rawExpirationDays is null, but still expires noncurrent versions", () => {
    const ids = lifecycleRules("raw", settings).map((r) => r.id);
    assert.deepEqual(ids, ["noncurrent-versions", "abort-multipart"]);
  });
  it("moves bronze and silver to STANDARD_IA, never gold", () => {
    assert.equal(
      lifecycleRules("silver", settings).find((r) => r.id === "infrequent-access")?.transitions?.[0].storageClass,
      "STANDARD_IA",
    );
    assert.equal(
      lifecycleRules("gold", settings).find((r) => r.id === "infrequent-access"),
      undefined,
    );
  });
});

describe("storage policies", () => {
  it(
    "the bucket policy denies non-TLS access and lets log " + "delivery in only for the log bucket and this account",
    () => {
      const plain = secureBucketPolicy("arn:aws:s3:::b", "111122223333", false);
      assert.deepEqual(
        plain.Statement.map((s) => s.Sid),
        ["DenyInsecureTransport"],
      );
      const logs = secureBucketPolicy("arn:aws:s3:::l", "111122223333", true);
      assert.deepEqual(logs.Statement[1].Condition, { StringEquals: { "aws:SourceAccount": "111122223333" } });
    },
  );

  it("the key policy lists its actions (no kms:*) and limits services to this account's resources", () => {
    const doc = lakeKeyPolicy("111122223333", "eu-west-1");
    assert.ok(!JSON.stringify(doc).includes('"kms:*"'));
    assert.ok(KEY_ACCOUNT_ACTIONS.includes("kms:PutKeyPolicy"), "the root must keep PutKeyPolicy or the key locks out");
    assert.ok(doc.Statement.slice(1).every((s) => s.Condition !== undefined));
  });
});
