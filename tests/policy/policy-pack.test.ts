import { strict as assert } from "assert";
import { bucketCompanionsPolicy, resourcePolicies, stackPolicies } from "../../policy/rules";
import { buildStack } from "../pulumi/stack";
import { PolicyInput, fromMocks, runResourcePolicy, runStackPolicy } from "./run-policies";

/** One resource per rule that breaks it. */
const BAD: Readonly<Record<string, PolicyInput>> = {
  "s3-sse-kms-bucket-key": {
    type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    name: "x-raw-sse",
    props: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
  },
  "s3-public-access-blocked": {
    type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    name: "x-pab",
    props: { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true },
  },
  "s3-versioning-enabled": {
    type: "aws:s3/bucketVersioning:BucketVersioning",
    name: "x-v",
    props: { versioningConfiguration: { status: "Suspended" } },
  },
  "s3-tls-only": {
    type: "aws:s3/bucketPolicy:BucketPolicy",
    name: "x-p",
    props: {
      policy: JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::x/*"] }],
      }),
    },
  },
  "kms-key-rotation": { type: "aws:kms/key:Key", name: "x-key", props: { enableKeyRotation: false } },
  "iam-least-privilege-role-policy": {
    type: "aws:iam/rolePolicy:RolePolicy",
    name: "x-rp",
    props: {
      policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: ["arn:aws:s3:::x"] }] }),
    },
  },
  "iam-least-privilege-policy": {
    type: "aws:iam/policy:Policy",
    name: "x-pol",
    props: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }] }) },
  },
  "dynamodb-kms-pitr": {
    type: "aws:dynamodb/table:Table",
    name: "x-t",
    props: { serverSideEncryption: { enabled: true }, pointInTimeRecovery: { enabled: false } },
  },
  "sns-kms": { type: "aws:sns/topic:Topic", name: "x-topic", props: {} },
  "glue-job-security-configuration": { type: "aws:glue/job:Job", name: "x-job", props: { command: {} } },
  "glue-security-configuration-kms": {
    type: "aws:glue/securityConfiguration:SecurityConfiguration",
    name: "x-sec",
    props: { encryptionConfiguration: { s3Encryption: { s3EncryptionMode: "SSE-S3" } } },
  },
  "athena-workgroup-enforced": {
    type: "aws:athena/workgroup:Workgroup",
    name: "x-wg",
    props: { configuration: { enforceWorkgroupConfiguration: false } },
  },
  "cloudwatch-logs-kms": { type: "aws:cloudwatch/logGroup:LogGroup", name: "x-logs", props: { retentionInDays: 1 } },
  "redshift-namespace-encrypted-managed-password": {
    type: "aws:redshiftserverless/namespace:Namespace",
    name: "x-ns",
    props: { adminUsername: "admin", adminUserPassword: "in-state", logExports: ["userlog"] },
  },
  "redshift-workgroup-private-tls": {
    type: "aws:redshiftserverless/workgroup:Workgroup",
    name: "x-wg",
    props: { publiclyAccessible: true, subnetIds: ["subnet-a"] },
  },
  "secrets-kms": { type: "aws:secretsmanager/secret:Secret", name: "x-secret", props: { name: "x" } },
  "quicksight-datasource-tls-private": {
    type: "aws:quicksight/dataSource:DataSource",
    name: "x-source",
    props: { type: "REDSHIFT", sslProperties: { disableSsl: true } },
  },
};

/** Types only prod has (the optional warehouse, QuickSight): dev has none of them. */
const PROD_ONLY_TYPES = new Set([
  "aws:redshiftserverless/namespace:Namespace",
  "aws:redshiftserverless/workgroup:Workgroup",
  "aws:secretsmanager/secret:Secret",
  "aws:quicksight/dataSource:DataSource",
]);

describe("policy pack over the mocked stacks", () => {
  for (const stack of ["dev", "prod"] as const) {
    it(`finds no violation in the ${stack} stack, resource rules and whole-stack rules`, async () => {
      const resources = fromMocks((await buildStack(stack)).mocks.resources);
      const violations = [
        ...(await Promise.all(resourcePolicies.map((p) => runResourcePolicy(p, resources)))).flat(),
        ...(await Promise.all(stackPolicies.map((p) => runStackPolicy(p, resources)))).flat(),
      ];
      assert.deepEqual(violations, []);
      // The rules had something to check: every checked type is present.
      const absent = (type: string) =>
        type === "aws:iam/policy:Policy" || (stack === "dev" && PROD_ONLY_TYPES.has(type));
      for (const bad of Object.values(BAD).filter((b) => !absent(b.type)))
        assert.ok(
          resources.some((r) => r.type === bad.type),
          `${stack} has no ${bad.type}`,
        );
    });
  }

  for (const policy of resourcePolicies) {
    it(`${policy.name} fires on a bad fixture`, async () => {
      const bad = BAD[policy.name];
      assert.ok(bad, `no bad fixture for ${policy.name}`);
      const violations = await runResourcePolicy(policy, [bad]);
      assert.ok(violations.length > 0, `${policy.name} did not fire`);
      assert.ok(violations[0].includes(bad.name), violations[0]);
    });
  }

  it("lets the access-log bucket use SSE-S3 but no other bucket", async () => {
    const policy = resourcePolicies.find((p) => p.name === "s3-sse-kms-bucket-key")!;
    const logs = { ...BAD["s3-sse-kms-bucket-key"], name: "fhirlake-dev-access-logs-sse" };
    assert.deepEqual(await runResourcePolicy(policy, [logs]), []);
  });

  it("the whole-stack rule fires on a bucket missing its companions", async () => {
    const violations = await runStackPolicy(bucketCompanionsPolicy, [
      { type: "aws:s3/bucket:Bucket", name: "x-raw", props: {} },
      { type: "aws:s3/bucketVersioning:BucketVersioning", name: "x-raw-versioning", props: {} },
    ]);
    assert.deepEqual(
      violations.map((v) => v.replace(/ \(.*\)$/, "")),
      [
        "[s3-bucket-has-security-companions] bucket x-raw has no sse",
        "[s3-bucket-has-security-companions] bucket x-raw has no public-access",
        "[s3-bucket-has-security-companions] bucket x-raw has no policy",
        "[s3-bucket-has-security-companions] bucket x-raw has no logging",
      ],
    );
  });
});
