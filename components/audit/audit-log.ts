import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resourceName } from "../shared/names";

/** Partition key of the audit table: the raw object's URI (glue-jobs/lakehouse/audit.py). */
export const AUDIT_KEY = "file_key";
/** Epoch-seconds attribute DynamoDB's TTL deletes expired items by. */
export const AUDIT_TTL_ATTRIBUTE = "expires_at";

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
 * The DynamoDB audit log of ingested raw files: one item per file {file_key, etag, size, status, counts,
 * run_id, times, expires_at}, on-demand, KMS-encrypted, expiring through TTL on `expires_at`.
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
        name: resourceName(args.prefix, "ingest-audit"),
        billingMode: "PAY_PER_REQUEST",
        hashKey: AUDIT_KEY,
        attributes: [{ name: AUDIT_KEY, type: "S" }],
        pointInTimeRecovery: { enabled: args.pointInTimeRecovery ?? true },
        serverSideEncryption: { enabled: true, kmsKeyArn: args.kmsKeyArn },
        ttl: { attributeName: AUDIT_TTL_ATTRIBUTE, enabled: true },
        deletionProtectionEnabled: retain,
      },
      { parent: this, protect: retain, retainOnDelete: retain },
    );
    this.tableName = table.name;
    this.tableArn = table.arn;
    this.registerOutputs({ tableName: this.tableName, tableArn: this.tableArn });
  }
}
