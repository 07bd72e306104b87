import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EndpointRestriction, secureBucketPolicy } from "./bucket-policies";
import { LifecycleRule } from "./lifecycle";
import { PolicyStatement } from "../shared/policy-document";

/** Arguments of one secure bucket. */
export interface SecureBucketArgs {
  /**
   * Customer KMS key for SSE-KMS with bucket keys. Undefined means SSE-S3, allowed only for the access-log bucket (S3
   * server access logs cannot be delivered to SSE-KMS buckets).
   */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Name of the bucket receiving this bucket's server access logs. Undefined only for the access-log bucket itself. */
  readonly accessLogBucket?: pulumi.Input<string>;
  /** true for the access-log bucket: its policy lets logging.s3.amazonaws.com of this account write. Default false. */
  readonly receivesAccessLogs?: boolean;
  /** The deploying account, for policy conditions. */
  readonly accountId: pulumi.Input<string>;
  /** Lifecycle rules (components/shared/lifecycle.ts). Default: none. */
  readonly lifecycleRules?: readonly LifecycleRule[];
  /**
   * true: protect the bucket and retain it on delete (prod data). Default true: data is kept unless a flag says
   * otherwise.
   */
  readonly retain?: boolean;
  /** true: `pulumi destroy` empties the bucket first (dev only). Default false. */
  readonly forceDestroy?: boolean;
  /** Tags of the bucket. Default none. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Accept requests only through these VPC endpoints or from these roles. Default: no such restriction. */
  readonly endpointOnly?: pulumi.Input<EndpointRestriction>;
  /** Statements letting a service write into the bucket (CloudTrail), given the bucket's ARN. Default none. */
  readonly serviceStatements?: (bucketArn: string) => pulumi.Input<PolicyStatement[]>;
  /** S3 Object Lock in COMPLIANCE mode for this many days (set at creation only). Default: no Object Lock. */
  readonly objectLockDays?: number;
}

/**
 * The one secure bucket block every zone is built from: encryption, versioning, no public access, TLS only,
 * access logs, lifecycle. The bucket itself is named `${name}` (auto-named with a suffix, so names stay under 63).
 */
export class SecureBucket extends pulumi.ComponentResource {
  /** The bucket's physical name. */
  public readonly bucketName: pulumi.Output<string>;
  /** The bucket's ARN. */
  public readonly arn: pulumi.Output<string>;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:storage:SecureBucket", name, args, opts);
    const retain = args.retain ?? true;
    const child = { parent: this };
    const bucket = new aws.s3.Bucket(
      name,
      {
        forceDestroy: args.forceDestroy ?? false,
        objectLockEnabled: args.objectLockDays !== undefined ? true : undefined,
        tags: { ...args.tags },
      },
      { parent: this, protect: retain, retainOnDelete: retain },
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      child,
    );
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      child,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-sse`,
      {
        bucket: bucket.id,
        rules: [
          args.kmsKeyArn === undefined
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
            : {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
                bucketKeyEnabled: true,
              },
        ],
      },
      child,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      child,
    );
    const services = bucket.arn.apply((arn) => args.serviceStatements?.(arn) ?? []);
    const policy = pulumi
      .all([bucket.arn, args.accountId, args.endpointOnly, services])
      .apply(([arn, a, only, extra]) => {
        const doc = secureBucketPolicy(arn, a, args.receivesAccessLogs ?? false, only);
        return JSON.stringify({ ...doc, Statement: [...doc.Statement, ...extra] });
      });
    new aws.s3.BucketPolicy(
      `${name}-policy`,
      { bucket: bucket.id, policy },
      { parent: this, dependsOn: [publicAccess] },
    );
    if (args.accessLogBucket !== undefined) {
      new aws.s3.BucketLogging(
        `${name}-logging`,
        { bucket: bucket.id, targetBucket: args.accessLogBucket, targetPrefix: pulumi.interpolate`${bucket.id}/` },
        child,
      );
    }
    if (args.lifecycleRules !== undefined && args.lifecycleRules.length > 0) {
      // S3 needs versioning in place before rules on noncurrent versions.
      new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        {
          bucket: bucket.id,
          rules: args.lifecycleRules.map((r) => ({ ...r, transitions: r.transitions?.map((t) => ({ ...t })) })),
        },
        { parent: this, dependsOn: [versioning] },
      );
    }
    if (args.objectLockDays !== undefined) {
      // Compliance mode: nobody, the account root included, can delete or shorten a locked version before it ends.
      new aws.s3.BucketObjectLockConfigurationV2(
        `${name}-object-lock`,
        {
          bucket: bucket.id,
          objectLockEnabled: "Enabled",
          rule: { defaultRetention: { mode: "COMPLIANCE", days: args.objectLockDays } },
        },
        { parent: this, dependsOn: [versioning] },
      );
    }
    this.bucketName = bucket.bucket;
    this.arn = bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
  }
}
