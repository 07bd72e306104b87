import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import AUDIT_TABLE from "../../glue-jobs/lakehouse/data/audit_table.json";
import { auditTableName } from "../shared/names";

/** Every key attribute of the table and its day index (all strings), per the contract both languages read. */
const KEY_ATTRIBUTES = [
  AUDIT_TABLE.partitionKey,
  AUDIT_TABLE.sortKey,
  AUDIT_TABLE.dayIndex.partitionKey,
  AUDIT_TABLE.dayIndex.sortKey,
];

/** Arguments of the ingest audit log. */
export interface AuditLogArgs {
  /** Prefix of the table name (`<prefix>-ingest-audit`). */
  readonly prefix: string;
  /** The lake key for SSE-KMS. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Point-in-time recovery. Default true. */
  readonly pointInTimeRecovery?: boolean;
  /** true (prod): protected, deletion protection on, retained on delete. Default true. */
  readonly retain?: boolean;
}

/**
 * The DynamoDB audit table (glue-jobs/lakehouse/data/audit_table.json): items of several kinds (raw files, job
 * runs, pull watermarks) under one partition and sort key, a day index for "what happened on a day", on-demand,
 * KMS-encrypted, expiring through TTL.
 */
export class AuditLog extends pulumi.ComponentResource {
  public readonly tableName: pulumi.Output<string>;
  public readonly tableArn: pulumi.Output<string>;

  constructor(name: string, args: AuditLogArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:audit:AuditLog", name, args, opts);
    const retain = args.retain ?? true;
    const table = new aws.dynamodb.Table(
      `${name}-table`,
      {
        name: auditTableName(args.prefix),
        billingMode: "PAY_PER_REQUEST",
        hashKey: AUDIT_TABLE.partitionKey,
        rangeKey: AUDIT_TABLE.sortKey,
        attributes: KEY_ATTRIBUTES.map((name) => ({ name, type: "S" })),
        globalSecondaryIndexes: [
          {
            name: AUDIT_TABLE.dayIndex.name,
            keySchemas: [
              { attributeName: AUDIT_TABLE.dayIndex.partitionKey, keyType: "HASH" },
              { attributeName: AUDIT_TABLE.dayIndex.sortKey, keyType: "RANGE" },
            ],
            projectionType: "ALL",
          },
        ],
        pointInTimeRecovery: { enabled: args.pointInTimeRecovery ?? true },
        serverSideEncryption: { enabled: true, kmsKeyArn: args.kmsKeyArn },
        ttl: { attributeName: AUDIT_TABLE.ttlAttribute, enabled: true },
        deletionProtectionEnabled: retain,
      },
      { parent: this, protect: retain, retainOnDelete: retain },
    );
    this.tableName = table.name;
    this.tableArn = table.arn;
    this.registerOutputs({ tableName: this.tableName, tableArn: this.tableArn });
  }
}
