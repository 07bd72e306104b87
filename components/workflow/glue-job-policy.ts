import { METRICS_NAMESPACE } from "../shared/names";
import { PolicyDocument, PolicyStatement, lakeKeyReadWrite, policyDocument } from "../shared/policy-document";
import { s3ReadStatements } from "../shared/s3-statements";
import { VpcPlacement, vpcAccessStatements } from "../network/vpc-access-policy";

/** What one Glue job may touch; every ARN is a concrete resource of this stack. */
export interface GlueJobGrants {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Bucket ARNs the job reads (its input zone, the scripts bucket). */
  readonly readBuckets: readonly string[];
  /** Bucket ARNs the job writes (its output zones; Hudi also reads its own tables back). */
  readonly writeBuckets: readonly string[];
  /** Key prefix in the scripts bucket for Glue's --TempDir, written by this job only. */
  readonly tempPrefixArn: string;
  /** The Glue database the job syncs its Hudi tables into. */
  readonly databaseName: string;
  /** The audit table ARN: bronze records files there, every job its runs. None: no audit access. */
  readonly auditTableArn?: string;
  readonly kmsKeyArn: string;
  /** The job's Glue NETWORK connection and where it places its interfaces. None: Glue's own network. */
  readonly network?: { readonly connectionName: string; readonly placement: VpcPlacement };
}

/** S3 write (Hudi rewrites and cleans files, so delete too) on buckets. */
export function s3WriteStatements(bucketArns: readonly string[], tempPrefixArn: string): PolicyStatement[] {
  return [
    {
      Sid: "ListOutput",
      Effect: "Allow",
      Action: ["s3:GetBucketLocation", "s3:ListBucket"],
      Resource: [...bucketArns],
    },
    {
      Sid: "WriteOutput",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
      Resource: [...bucketArns.map((a) => `${a}/*`), `${tempPrefixArn}/*`],
    },
  ];
}

/** Glue catalog rights on one database and its tables (Hudi hive sync creates and updates them). */
export function catalogStatements(
  g: Pick<GlueJobGrants, "partition" | "region" | "accountId" | "databaseName">,
): PolicyStatement[] {
  const base = `arn:${g.partition}:glue:${g.region}:${g.accountId}`;
  return [
    {
      Sid: "SyncOwnDatabase",
      Effect: "Allow",
      Action: [
        "glue:BatchCreatePartition",
        "glue:BatchDeletePartition",
        "glue:BatchGetPartition",
        "glue:CreatePartition",
        "glue:CreateTable",
        "glue:DeletePartition",
        "glue:GetDatabase",
        "glue:GetPartition",
        "glue:GetPartitions",
        "glue:GetTable",
        "glue:GetTables",
        "glue:GetUserDefinedFunctions",
        "glue:UpdatePartition",
        "glue:UpdateTable",
      ],
      Resource: [
        `${base}:catalog`,
        `${base}:database/${g.databaseName}`,
        `${base}:table/${g.databaseName}/*`,
        // Spark's catalog client lists the database's functions; IAM checks them by function ARN.
        `${base}:userDefinedFunction/${g.databaseName}/*`,
      ],
    },
    // The Glue catalog client looks up the "default" database at session start.
    {
      Sid: "ReadDefaultDatabase",
      Effect: "Allow",
      Action: ["glue:GetDatabase"],
      Resource: [`${base}:catalog`, `${base}:database/default`],
    },
  ];
}

/**
 * The least-privilege policy of one medallion job: read its input zone, write its output zone, sync its own
 * database, use the lake key, write its (KMS-encrypted) logs under /aws-glue/, publish FhirLakehouse metrics,
 * and read and write the audit table's items.
 */
export function glueJobPolicy(g: GlueJobGrants): PolicyDocument {
  const logs = `arn:${g.partition}:logs:${g.region}:${g.accountId}:log-group:/aws-glue/*`;
  const statements: PolicyStatement[] = [
    ...s3ReadStatements(g.readBuckets),
    ...s3WriteStatements(g.writeBuckets, g.tempPrefixArn),
    ...catalogStatements(g),
    lakeKeyReadWrite(g.kmsKeyArn),
    {
      Sid: "WriteLogs",
      Effect: "Allow",
      Action: ["logs:AssociateKmsKey", "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [logs, `${logs}:*`],
    },
    // PutMetricData has no resource-level permissions; the namespace condition is the scope.
    {
      Sid: "PublishMetrics",
      Effect: "Allow",
      Action: ["cloudwatch:PutMetricData"],
      Resource: ["*"],
      Condition: { StringEquals: { "cloudwatch:namespace": [METRICS_NAMESPACE, "Glue"] } },
    },
  ];
  if (g.auditTableArn !== undefined) {
    statements.push({
      Sid: "AuditLog",
      Effect: "Allow",
      Action: ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable"],
      Resource: [g.auditTableArn],
    });
  }
  if (g.network !== undefined) {
    const base = `arn:${g.partition}:glue:${g.region}:${g.accountId}`;
    statements.push(
      {
        Sid: "ReadOwnConnection",
        Effect: "Allow",
        Action: ["glue:GetConnection"],
        Resource: [`${base}:catalog`, `${base}:connection/${g.network.connectionName}`],
      },
      ...vpcAccessStatements(g, g.network.placement),
    );
  }
  return policyDocument(statements);
}
