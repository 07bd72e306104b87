import { accountAdministersKey } from "../storage/kms-policy";
import { AccountScope } from "../shared/account";
import { PolicyDocument, PolicyStatement, policyDocument } from "../shared/policy-document";

/** The trail's ARN, known before it exists (the key and bucket policies name it). */
export function trailArn(scope: AccountScope, trailName: string): string {
  return `arn:${scope.partition}:cloudtrail:${scope.region}:${scope.accountId}:trail/${trailName}`;
}

/**
 * The trail key's policy: the account administers it and delegates use to IAM (readers of the logs decrypt through
 * their own policies); CloudTrail may encrypt log files for this trail only.
 */
export function trailKeyPolicy(scope: AccountScope, trailName: string): PolicyDocument {
  const { partition, accountId } = scope;
  const trail = trailArn(scope, trailName);
  return policyDocument([
    accountAdministersKey(partition, accountId),
    {
      Sid: "CloudTrailEncryptsThisTrail",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey"],
      Resource: ["*"],
      Condition: {
        StringEquals: { "aws:SourceArn": trail },
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${partition}:cloudtrail:*:${accountId}:trail/*`,
        },
      },
    },
    {
      Sid: "CloudTrailDescribesKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:DescribeKey"],
      Resource: ["*"],
      Condition: { StringEquals: { "aws:SourceArn": trail } },
    },
  ]);
}

/** Bucket statements letting CloudTrail check the bucket and write this trail's log files, owner-controlled. */
export function trailDeliveryStatements(bucketArn: string, scope: AccountScope, trailName: string): PolicyStatement[] {
  const source = { "aws:SourceArn": trailArn(scope, trailName) };
  return [
    {
      Sid: "CloudTrailChecksBucket",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["s3:GetBucketAcl"],
      Resource: [bucketArn],
      Condition: { StringEquals: source },
    },
    {
      Sid: "CloudTrailWritesLogs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["s3:PutObject"],
      Resource: [`${bucketArn}/AWSLogs/${scope.accountId}/*`],
      Condition: { StringEquals: { ...source, "s3:x-amz-acl": "bucket-owner-full-control" } },
    },
  ];
}

/** A CloudTrail advanced event selector (the mutable shape aws.cloudtrail.Trail advancedEventSelectors takes). */
export interface EventSelector {
  name: string;
  fieldSelectors: { field: string; equals?: string[]; startsWiths?: string[] }[];
}

/**
 * Management events, object-level S3 events (reads and writes) on the PHI zones, and item-level events on the audit
 * table: who read or changed which object or item, and when.
 */
export function auditEventSelectors(phiBucketArns: readonly string[], auditTableArn: string): EventSelector[] {
  const data = { field: "eventCategory", equals: ["Data"] };
  return [
    { name: "management", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
    {
      name: "phi-zone-objects",
      fieldSelectors: [
        data,
        { field: "resources.type", equals: ["AWS::S3::Object"] },
        { field: "resources.ARN", startsWiths: phiBucketArns.map((b) => `${b}/`) },
      ],
    },
    {
      name: "audit-table-items",
      fieldSelectors: [
        data,
        { field: "resources.type", equals: ["AWS::DynamoDB::Table"] },
        { field: "resources.ARN", equals: [auditTableArn] },
      ],
    },
  ];
}
