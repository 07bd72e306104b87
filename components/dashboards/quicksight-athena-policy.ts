import { AccountScope } from "../shared/account";
import { PolicyDocument, policyDocument } from "../shared/policy-document";
import { s3ReadStatements } from "../shared/s3-statements";

/** What QuickSight's Athena data source may do: query through one workgroup, read the gold zone and catalog. */
export interface QuicksightGrants {
  readonly scope: AccountScope;
  readonly workgroupName: string;
  readonly goldBucketArn: string;
  readonly resultsBucketArn: string;
  readonly goldDatabase: string;
  readonly kmsKeyArn: string;
}

/** The role QuickSight assumes for the Athena data source (DataSourceParameters.Athena.RoleArn). */
export function quicksightAthenaPolicy(g: QuicksightGrants): PolicyDocument {
  const { partition, region, accountId } = g.scope;
  const glue = `arn:${partition}:glue:${region}:${accountId}`;
  return policyDocument([
    {
      Sid: "QueryWorkgroup",
      Effect: "Allow",
      Action: [
        "athena:GetQueryExecution",
        "athena:GetQueryResults",
        "athena:GetWorkGroup",
        "athena:StartQueryExecution",
        "athena:StopQueryExecution",
      ],
      Resource: [`arn:${partition}:athena:${region}:${accountId}:workgroup/${g.workgroupName}`],
    },
    {
      Sid: "ReadGoldCatalog",
      Effect: "Allow",
      Action: ["glue:GetDatabase", "glue:GetPartitions", "glue:GetTable", "glue:GetTables"],
      Resource: [`${glue}:catalog`, `${glue}:database/${g.goldDatabase}`, `${glue}:table/${g.goldDatabase}/*`],
    },
    ...s3ReadStatements([g.goldBucketArn]),
    {
      Sid: "WriteQueryResults",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:PutObject"],
      Resource: [g.resultsBucketArn, `${g.resultsBucketArn}/*`],
    },
    { Sid: "UseLakeKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [g.kmsKeyArn] },
  ]);
}
