import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { auditPolicies } from "./audit-rules";
import { identityPolicyProblems } from "./iam-checks";
import { networkPolicies } from "./network-rules";
import { peoplePolicies } from "./people-rules";
import { Props, resourceRule as rule } from "./resource-rule";
import { warehouseResourcePolicies, warehouseStackPolicies } from "./warehouse-rules";

const ACCESS_LOG_SSE = /access-logs-sse$/;

/** The resource rules of the pack. */
export const resourcePolicies: ResourceValidationPolicy[] = [
  rule(
    "s3-sse-kms-bucket-key",
    "S3 buckets use SSE-KMS with bucket keys (the access-log bucket may use SSE-S3: S3 cannot deliver logs to SSE-KMS)",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    (p, n) => {
      const r = p.rules?.[0];
      const algo = r?.applyServerSideEncryptionByDefault?.sseAlgorithm;
      if (algo === "AES256" && ACCESS_LOG_SSE.test(n)) return [];
      const problems =
        algo === "aws:kms" && r?.applyServerSideEncryptionByDefault?.kmsMasterKeyId
          ? []
          : [`encryption is ${algo ?? "missing"}, not aws:kms with a customer key`];
      if (r?.bucketKeyEnabled !== true) problems.push("bucket key is off");
      return problems;
    },
  ),
  rule(
    "s3-public-access-blocked",
    "S3 public access is blocked on all four settings",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    (p) =>
      ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]
        .filter((k) => p[k] !== true)
        .map((k) => `${k} is not true`),
  ),
  rule("s3-versioning-enabled", "S3 versioning is enabled", "aws:s3/bucketVersioning:BucketVersioning", (p) =>
    p.versioningConfiguration?.status === "Enabled" ? [] : ["versioning is not Enabled"],
  ),
  rule("s3-tls-only", "Bucket policies deny requests without TLS", "aws:s3/bucketPolicy:BucketPolicy", (p) => {
    const doc = typeof p.policy === "string" ? JSON.parse(p.policy) : (p.policy ?? {});
    const denies = (doc.Statement ?? []).some(
      (s: Props) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false",
    );
    return denies ? [] : ["no Deny on aws:SecureTransport=false"];
  }),
  rule("kms-key-rotation", "KMS keys rotate", "aws:kms/key:Key", (p) =>
    p.enableKeyRotation === true ? [] : ["key rotation is off"],
  ),
  rule(
    "iam-least-privilege-role-policy",
    "Role policies have no wildcard actions and no actions on Resource *",
    "aws:iam/rolePolicy:RolePolicy",
    (p) => identityPolicyProblems(p.policy ?? "{}"),
  ),
  rule(
    "iam-least-privilege-policy",
    "Managed policies have no wildcard actions and no actions on Resource *",
    "aws:iam/policy:Policy",
    (p) => identityPolicyProblems(p.policy ?? "{}"),
  ),
  rule(
    "dynamodb-kms-pitr",
    "DynamoDB tables use a customer KMS key and point-in-time recovery",
    "aws:dynamodb/table:Table",
    (p) => [
      ...(p.serverSideEncryption?.enabled === true && p.serverSideEncryption?.kmsKeyArn
        ? []
        : ["not encrypted with a customer KMS key"]),
      ...(p.pointInTimeRecovery?.enabled === true ? [] : ["point-in-time recovery is off"]),
    ],
  ),
  rule("sns-kms", "SNS topics are KMS-encrypted", "aws:sns/topic:Topic", (p) =>
    p.kmsMasterKeyId ? [] : ["topic is not KMS-encrypted"],
  ),
  rule("glue-job-security-configuration", "Glue jobs run with a security configuration", "aws:glue/job:Job", (p) =>
    p.securityConfiguration ? [] : ["no security configuration"],
  ),
  rule(
    "glue-security-configuration-kms",
    "Glue security configurations encrypt S3, logs and bookmarks with KMS",
    "aws:glue/securityConfiguration:SecurityConfiguration",
    (p) => {
      const e = p.encryptionConfiguration ?? {};
      return [
        ...(e.s3Encryption?.s3EncryptionMode === "SSE-KMS" ? [] : ["S3 output not SSE-KMS"]),
        ...(e.cloudwatchEncryption?.cloudwatchEncryptionMode === "SSE-KMS" ? [] : ["CloudWatch logs not SSE-KMS"]),
        ...(e.jobBookmarksEncryption?.jobBookmarksEncryptionMode === "CSE-KMS" ? [] : ["job bookmarks not CSE-KMS"]),
      ];
    },
  ),
  rule(
    "athena-workgroup-enforced",
    "Athena workgroups enforce SSE-KMS results and a scan cutoff",
    "aws:athena/workgroup:Workgroup",
    (p) => {
      const c = p.configuration ?? {};
      return [
        ...(c.enforceWorkgroupConfiguration === true ? [] : ["configuration is not enforced"]),
        ...(c.resultConfiguration?.encryptionConfiguration?.encryptionOption === "SSE_KMS"
          ? []
          : ["results are not SSE_KMS"]),
        ...(c.bytesScannedCutoffPerQuery > 0 ? [] : ["no bytes-scanned cutoff"]),
      ];
    },
  ),
  rule("cloudwatch-logs-kms", "Log groups are KMS-encrypted", "aws:cloudwatch/logGroup:LogGroup", (p) =>
    p.kmsKeyId ? [] : ["log group is not KMS-encrypted"],
  ),
  ...warehouseResourcePolicies,
];

/** Companion resources every bucket needs, matched by the SecureBucket naming rule `<bucket>-<role>`. */
const BUCKET_COMPANIONS: Readonly<Record<string, string>> = {
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "public-access": "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
};

/** Whole-stack rule: no bucket without its security companions, and every bucket but the log bucket logs access. */
export const bucketCompanionsPolicy: StackValidationPolicy = {
  name: "s3-bucket-has-security-companions",
  description:
    "Every S3 bucket has encryption, public access block, versioning " +
    "and a bucket policy; all but the access-log bucket log access",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const names = new Set(args.resources.map((r) => `${r.type}::${r.name}`));
    for (const bucket of args.resources.filter((r) => r.type === "aws:s3/bucket:Bucket")) {
      const wanted = {
        ...BUCKET_COMPANIONS,
        ...(bucket.name.endsWith("access-logs") ? {} : { logging: "aws:s3/bucketLogging:BucketLogging" }),
      };
      for (const [role, type] of Object.entries(wanted)) {
        if (!names.has(`${type}::${bucket.name}-${role}`))
          report(`bucket ${bucket.name} has no ${role} (${type})`, bucket.urn);
      }
    }
  },
};

/** The whole-stack policies of the pack. */
export const stackPolicies: StackValidationPolicy[] = [
  bucketCompanionsPolicy,
  ...networkPolicies,
  ...auditPolicies,
  ...peoplePolicies,
  ...warehouseStackPolicies,
];

/** All policies of the pack. */
export const policies = [...resourcePolicies, ...stackPolicies];
