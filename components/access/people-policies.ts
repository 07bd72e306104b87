import { AccountScope } from "../shared/account";
import { PolicyDocument, PolicyStatement, lakeKeyReadWrite, policyDocument } from "../shared/policy-document";
import { s3ReadStatements } from "../shared/s3-statements";

/** The lake's resources the people's roles are scoped to (all concrete ARNs and names of this stack). */
export interface LakeResources {
  readonly scope: AccountScope;
  readonly workgroupName: string;
  /** Bucket ARN per zone. */
  readonly buckets: Readonly<Record<"raw" | "bronze" | "silver" | "gold" | "quarantine" | "athena-results", string>>;
  /** Glue database per medallion zone. */
  readonly databases: Readonly<Record<"bronze" | "silver" | "gold", string>>;
  /** The gold tables the published views read (Athena runs a view with the caller's rights). */
  readonly publishedGoldTables: readonly string[];
  /** Every Athena view in the gold database (published and internal building blocks). */
  readonly viewNames: readonly string[];
  readonly jobNames: readonly string[];
  readonly workflowName: string;
  readonly ingestFunctionName: string;
  readonly auditTableArn: string;
  readonly kmsKeyArn: string;
}

/** Object reads the analyst and the engineer are explicitly denied, whatever else is attached to them. */
export const DATA_READ_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion"] as const;

const glueArn = (r: LakeResources) => `arn:${r.scope.partition}:glue:${r.scope.region}:${r.scope.accountId}`;

/** Queries through the stack's workgroup only, results in its (KMS-encrypted) results bucket. */
function athenaStatements(r: LakeResources): PolicyStatement[] {
  const { partition, region, accountId } = r.scope;
  return [
    {
      Sid: "QueryLakeWorkgroup",
      Effect: "Allow",
      Action: [
        "athena:BatchGetNamedQuery",
        "athena:BatchGetQueryExecution",
        "athena:GetNamedQuery",
        "athena:GetQueryExecution",
        "athena:GetQueryResults",
        "athena:GetWorkGroup",
        "athena:ListNamedQueries",
        "athena:ListQueryExecutions",
        "athena:StartQueryExecution",
        "athena:StopQueryExecution",
      ],
      Resource: [`arn:${partition}:athena:${region}:${accountId}:workgroup/${r.workgroupName}`],
    },
    {
      Sid: "WriteQueryResults",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:PutObject"],
      Resource: [r.buckets["athena-results"], `${r.buckets["athena-results"]}/results/*`],
    },
    { Sid: "UseLakeKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [r.kmsKeyArn] },
  ];
}

/** An explicit Deny of object reads under these S3 object ARNs (bucket/* or bucket/prefix/*). */
function denyReads(sid: string, objectArns: readonly string[]): PolicyStatement {
  return { Sid: sid, Effect: "Deny", Action: [...DATA_READ_ACTIONS], Resource: [...objectArns] };
}

/**
 * The analyst: Athena in the workgroup on the published views, which read the gold tables in publishedGoldTables
 * (published_gold_tables.json) and nothing else; raw, bronze, silver, quarantine and the other gold tables (the
 * per-patient facts) are denied outright. Athena runs a view with its caller's rights, so the analyst can also
 * query those gold tables' unsuppressed counts directly; only Lake Formation grants can close that.
 */
export function analystPolicy(r: LakeResources): PolicyDocument {
  const gold = r.databases.gold;
  const goldObjects = r.publishedGoldTables.map((t) => `${r.buckets.gold}/${t}/*`);
  return policyDocument([
    ...athenaStatements(r),
    {
      Sid: "ReadPublishedCatalog",
      Effect: "Allow",
      Action: ["glue:GetDatabase", "glue:GetPartitions", "glue:GetTable"],
      Resource: [
        `${glueArn(r)}:catalog`,
        `${glueArn(r)}:database/${gold}`,
        ...[...r.viewNames, ...r.publishedGoldTables].map((t) => `${glueArn(r)}:table/${gold}/${t}`),
      ],
    },
    {
      Sid: "ListPublishedGold",
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: [r.buckets.gold],
      Condition: { StringLike: { "s3:prefix": r.publishedGoldTables.map((t) => `${t}/*`) } },
    },
    { Sid: "ReadPublishedGold", Effect: "Allow", Action: [...DATA_READ_ACTIONS], Resource: goldObjects },
    denyReads(
      "DenyUnpublishedZones",
      (["raw", "bronze", "silver", "quarantine"] as const).map((z) => `${r.buckets[z]}/*`),
    ),
  ]);
}

/** Start, stop and inspect the workflow and its jobs; read their logs and metrics; never read lake data. */
export function engineerStatements(r: LakeResources): PolicyStatement[] {
  const { partition, region, accountId } = r.scope;
  const logs = `arn:${partition}:logs:${region}:${accountId}:log-group`;
  return [
    {
      Sid: "OperatePipeline",
      Effect: "Allow",
      Action: [
        "glue:BatchStopJobRun",
        "glue:GetJob",
        "glue:GetJobRun",
        "glue:GetJobRuns",
        "glue:GetWorkflow",
        "glue:GetWorkflowRun",
        "glue:GetWorkflowRuns",
        "glue:ResumeWorkflowRun",
        "glue:StartJobRun",
        "glue:StartWorkflowRun",
        "glue:StopWorkflowRun",
      ],
      Resource: [...r.jobNames.map((j) => `${glueArn(r)}:job/${j}`), `${glueArn(r)}:workflow/${r.workflowName}`],
    },
    {
      Sid: "ReadPipelineLogs",
      Effect: "Allow",
      Action: ["logs:DescribeLogStreams", "logs:FilterLogEvents", "logs:GetLogEvents"],
      Resource: [
        `${logs}:/aws-glue/*`,
        `${logs}:/aws-glue/*:log-stream:*`,
        `${logs}:/aws/lambda/${r.ingestFunctionName}`,
        `${logs}:/aws/lambda/${r.ingestFunctionName}:log-stream:*`,
      ],
    },
    {
      Sid: "ReadMetricsInRegion",
      Effect: "Allow",
      Action: ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics"],
      Resource: ["*"],
      Condition: { StringEquals: { "aws:RequestedRegion": region } },
    },
    {
      Sid: "ReadAuditLog",
      Effect: "Allow",
      Action: ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query"],
      Resource: [r.auditTableArn, `${r.auditTableArn}/index/*`],
    },
  ];
}

/** The engineer: operates the pipeline; object reads of raw, bronze, silver and quarantine are denied outright. */
export function engineerPolicy(r: LakeResources): PolicyDocument {
  const denied = (["raw", "bronze", "silver", "quarantine"] as const).map((z) => `${r.buckets[z]}/*`);
  return policyDocument([...engineerStatements(r), denyReads("DenyLakeData", denied)]);
}

/** Break-glass: the engineer's rights plus read and write of every lake zone, its catalog and Athena (alerted). */
export function breakGlassPolicy(r: LakeResources): PolicyDocument {
  const zones = Object.values(r.buckets);
  return policyDocument([
    ...engineerStatements(r),
    ...athenaStatements(r).filter((s) => s.Sid !== "UseLakeKey"),
    ...s3ReadStatements(zones),
    {
      Sid: "RepairLakeData",
      Effect: "Allow",
      Action: ["s3:DeleteObject", "s3:PutObject"],
      Resource: zones.map((b) => `${b}/*`),
    },
    lakeKeyReadWrite(r.kmsKeyArn),
    {
      Sid: "ReadLakeCatalog",
      Effect: "Allow",
      Action: ["glue:GetDatabase", "glue:GetPartitions", "glue:GetTable", "glue:GetTables"],
      Resource: [
        `${glueArn(r)}:catalog`,
        ...Object.values(r.databases).flatMap((d) => [`${glueArn(r)}:database/${d}`, `${glueArn(r)}:table/${d}/*`]),
      ],
    },
  ]);
}
