import { strict as assert } from "assert";
import { SecureBucket } from "../../components/storage/secure-bucket";
import { optionRecorder, settle, useMocks } from "./mocks";

describe("SecureBucket on its own", () => {
  it(
    "retains data by default: protected, retained on delete, " +
      "never force-destroyed, and no logging when no target is given",
    async () => {
      const mocks = await useMocks("dev");
      new SecureBucket(
        "solo",
        { accountId: "123456789012", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k" },
        { transformations: [optionRecorder(mocks)] },
      );
      await settle(mocks);
      assert.deepEqual(mocks.options.get("aws:s3/bucket:Bucket::solo"), { protect: true, retainOnDelete: true });
      assert.equal(mocks.one("aws:s3/bucket:Bucket", "solo").inputs.forceDestroy, false);
      assert.deepEqual(mocks.ofType("aws:s3/bucketLogging:BucketLogging"), []);
      assert.deepEqual(mocks.ofType("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"), []);
      const names = mocks.resources
        .filter((r) => r.custom)
        .map((r) => r.name)
        .sort();
      assert.deepEqual(names, [
        "solo",
        "solo-ownership",
        "solo-policy",
        "solo-public-access",
        "solo-sse",
        "solo-versioning",
      ]);
    },
  );

  it("two instances with different names do not collide (every child is named after its component)", async () => {
    const mocks = await useMocks("dev");
    new SecureBucket("a", { accountId: "123456789012", retain: false });
    new SecureBucket("b", { accountId: "123456789012", retain: false });
    await settle(mocks);
    const names = mocks.resources.filter((r) => r.custom).map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
    assert.equal(names.length, 12);
  });
});
