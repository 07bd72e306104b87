import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { lakeKeyPolicy } from "./kms-policy";
import { LifecycleSettings, lifecycleRules } from "./lifecycle";
import { DATA_ZONES, ZONES, Zone, resourceName } from "../shared/names";
import { SecureBucket } from "./secure-bucket";
import { EndpointRestriction } from "./bucket-policies";

/** The zones holding lake data, reachable only through the VPC endpoints when the network is on. */
export const ENDPOINT_ONLY_ZONES: readonly Zone[] = ["raw", "bronze", "silver", "gold", "quarantine"];

/** Arguments of the lake's storage. */
export interface DataLakeStorageArgs {
  /** Prefix of every name (config prefix). */
  readonly prefix: string;
  readonly account: AccountContext;
  /** Lifecycle days from config storage. */
  readonly lifecycle: LifecycleSettings;
  /** true (prod): the key and the data zones are protected and retained, buckets never force-destroyed. */
  readonly retainOnDestroy: boolean;
  /** Tags of every resource. Default none. */
  readonly tags?: Readonly<Record<string, string>>;
  /** The data zones (ENDPOINT_ONLY_ZONES) accept only requests through these endpoints or roles. Default none. */
  readonly endpointOnly?: pulumi.Input<EndpointRestriction>;
}

/** The customer KMS key (rotation on) and one SecureBucket per zone, all logging to the access-log bucket. */
export class DataLakeStorage extends pulumi.ComponentResource {
  /** The lake key, used by buckets, DynamoDB, Glue, SNS and Athena. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** The buckets by zone. */
  public readonly buckets: Readonly<Record<Zone, SecureBucket>>;

  constructor(name: string, args: DataLakeStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:storage:DataLakeStorage", name, args, opts);
    const retain = args.retainOnDestroy;
    const { accountId, region, partition } = args.account;
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `${args.prefix}: FHIR lakehouse data key (S3, DynamoDB, Glue, SNS, Athena)`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi.all([accountId, region, partition]).apply(([a, r, p]) => JSON.stringify(lakeKeyPolicy(a, r, p))),
        tags: { ...args.tags },
      },
      { parent: this, protect: retain, retainOnDelete: retain },
    );
    new aws.kms.Alias(
      `${name}-key-alias`,
      { name: `alias/${resourceName(args.prefix, "lake")}`, targetKeyId: key.keyId },
      { parent: this },
    );
    const logs = this.zoneBucket("access-logs", args, undefined, undefined);
    const buckets = { "access-logs": logs } as Record<Zone, SecureBucket>;
    for (const zone of ZONES.filter((z) => z !== "access-logs")) {
      buckets[zone] = this.zoneBucket(zone, args, key.arn, logs.bucketName);
    }
    this.kmsKeyArn = key.arn;
    this.buckets = buckets;
    this.registerOutputs({
      kmsKeyArn: this.kmsKeyArn,
      bucketNames: Object.fromEntries(ZONES.map((z) => [z, buckets[z].bucketName])),
    });
  }

  /**
   * One zone from the shared block: with retainOnDestroy no bucket is force-destroyed and the data zones are
   * protected.
   */
  private zoneBucket(
    zone: Zone,
    args: DataLakeStorageArgs,
    kmsKeyArn: pulumi.Output<string> | undefined,
    logBucket: pulumi.Output<string> | undefined,
  ): SecureBucket {
    return new SecureBucket(
      resourceName(args.prefix, zone),
      {
        kmsKeyArn,
        accessLogBucket: logBucket,
        receivesAccessLogs: zone === "access-logs",
        accountId: args.account.accountId,
        lifecycleRules: lifecycleRules(zone, args.lifecycle),
        retain: args.retainOnDestroy && DATA_ZONES.includes(zone),
        forceDestroy: !args.retainOnDestroy,
        tags: { ...args.tags, "fhirlake:zone": zone },
        endpointOnly: ENDPOINT_ONLY_ZONES.includes(zone) ? args.endpointOnly : undefined,
      },
      { parent: this },
    );
  }
}
