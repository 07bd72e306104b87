import { AccountScope } from "../shared/account";
import { VpcPlacement, vpcAccessStatements } from "../network/vpc-access-policy";
import { PolicyDocument, PolicyStatement, policyDocument } from "../shared/policy-document";

/** What the warehouse's Spectrum role reads: the gold database's catalog and its published tables' objects. */
export interface GoldReadScope {
  readonly scope: AccountScope;
  readonly goldDatabase: string;
  readonly goldBucketArn: string;
  /** The gold tables the published views read (published_gold_tables.json): the per-patient facts stay out. */
  readonly publishedTables: readonly string[];
  readonly kmsKeyArn: string;
}

/** Redshift (the Spectrum side of Serverless included) of this account may assume the external schema's role. */
export function redshiftTrustPolicy(accountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "RedshiftSpectrum",
      Effect: "Allow",
      Principal: { Service: ["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"] },
      Action: ["sts:AssumeRole"],
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

/**
 * The external schema's role: the gold database's tables in the Glue catalog, and object reads under the published
 * gold tables only (Spectrum lists a table's prefix, then reads its files); the lake key to decrypt them.
 */
export function spectrumGoldPolicy(g: GoldReadScope): PolicyDocument {
  const { partition, region, accountId } = g.scope;
  const glue = `arn:${partition}:glue:${region}:${accountId}`;
  const statements: PolicyStatement[] = [
    {
      Sid: "ReadGoldCatalog",
      Effect: "Allow",
      Action: ["glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions", "glue:GetTable", "glue:GetTables"],
      Resource: [
        `${glue}:catalog`,
        `${glue}:database/${g.goldDatabase}`,
        ...g.publishedTables.map((t) => `${glue}:table/${g.goldDatabase}/${t}`),
      ],
    },
    {
      Sid: "ListPublishedGold",
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: [g.goldBucketArn],
      Condition: { StringLike: { "s3:prefix": g.publishedTables.flatMap((t) => [t, `${t}/*`]) } },
    },
    {
      Sid: "ReadPublishedGold",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: g.publishedTables.map((t) => `${g.goldBucketArn}/${t}/*`),
    },
    { Sid: "DecryptGold", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [g.kmsKeyArn] },
  ];
  return policyDocument(statements);
}

/**
 * QuickSight's VPC connection role: what Lambda and Glue get to place interfaces in the lake's subnets, and the
 * attribute change QuickSight makes to attach its security group.
 */
export function quicksightVpcPolicy(scope: AccountScope, placement: VpcPlacement): PolicyDocument {
  const ec2 = `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}`;
  return policyDocument([
    ...vpcAccessStatements(scope, placement),
    {
      Sid: "AttachLakeGroup",
      Effect: "Allow",
      Action: ["ec2:ModifyNetworkInterfaceAttribute"],
      Resource: [`${ec2}:network-interface/*`, `${ec2}:security-group/${placement.securityGroupId}`],
    },
  ]);
}
