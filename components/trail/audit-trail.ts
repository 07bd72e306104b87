import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { resourceName } from "../shared/names";
import { SecureBucket } from "../storage/secure-bucket";
import { auditEventSelectors, trailDeliveryStatements, trailKeyPolicy } from "./trail-policies";

/** Arguments of the audit trail. */
export interface AuditTrailArgs {
  readonly prefix: string;
  readonly account: AccountContext;
  /** The buckets whose object reads and writes are logged (raw, bronze, silver). */
  readonly phiBucketArns: pulumi.Input<pulumi.Input<string>[]>;
  /** The DynamoDB audit table, whose item-level calls are logged. */
  readonly auditTableArn: pulumi.Input<string>;
  /** Where the trail bucket's own access logs go. */
  readonly accessLogBucket: pulumi.Input<string>;
  /** Object Lock (COMPLIANCE) days on the trail bucket; null: none (config auditTrail.objectLockRetentionDays). */
  readonly objectLockDays: number | null;
  /** Log files expire after this many days. */
  readonly logExpirationDays: number;
  /** true (prod): the key and bucket are protected and retained. */
  readonly retain: boolean;
}

/**
 * A multi-region CloudTrail with log file validation, encrypted with its own KMS key, into a dedicated secure bucket
 * (Object Lock when configured), recording management events and the data events of the PHI zones and audit table.
 */
export class AuditTrail extends pulumi.ComponentResource {
  public readonly trailArn: pulumi.Output<string>;
  public readonly bucketName: pulumi.Output<string>;

  constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:trail:AuditTrail", name, {}, opts);
    const { accountId, region, partition } = args.account;
    const trailName = resourceName(args.prefix, "audit-trail");
    const scope = pulumi.all([accountId, region, partition]).apply(([a, r, p]) => ({
      accountId: a,
      region: r,
      partition: p,
    }));
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `${args.prefix}: CloudTrail log files`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: scope.apply((s) => JSON.stringify(trailKeyPolicy(s, trailName))),
      },
      { parent: this, protect: args.retain, retainOnDelete: args.retain },
    );
    const bucket = new SecureBucket(
      resourceName(args.prefix, "audit-trail"),
      {
        kmsKeyArn: key.arn,
        accessLogBucket: args.accessLogBucket,
        accountId,
        retain: args.retain,
        forceDestroy: !args.retain,
        objectLockDays: args.objectLockDays ?? undefined,
        serviceStatements: (arn) => scope.apply((s) => trailDeliveryStatements(arn, s, trailName)),
        lifecycleRules: [
          { id: "expire-logs", status: "Enabled", filter: {}, expiration: { days: args.logExpirationDays } },
        ],
        tags: { "fhirlake:zone": "audit-trail" },
      },
      { parent: this },
    );
    const trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: trailName,
        s3BucketName: bucket.bucketName,
        kmsKeyId: key.arn,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        advancedEventSelectors: pulumi
          .all([args.phiBucketArns, args.auditTableArn])
          .apply(([buckets, table]) => auditEventSelectors(buckets, table)),
      },
      { parent: this, dependsOn: [bucket] },
    );
    this.trailArn = trail.arn;
    this.bucketName = bucket.bucketName;
    this.registerOutputs({ trailArn: this.trailArn, bucketName: this.bucketName });
  }
}
