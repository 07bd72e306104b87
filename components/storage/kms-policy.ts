import { PolicyDocument, PolicyStatement, policyDocument } from "../shared/policy-document";

/** Key administration and use by the account's IAM principals, listed instead of kms:* (no wildcard actions). */
export const KEY_ACCOUNT_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:RetireGrant",
  "kms:RevokeGrant",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
] as const;

/** Key-policy statement: the account root administers the key and delegates its use to IAM policies. */
export function accountAdministersKey(partition: string, accountId: string): PolicyStatement {
  return {
    Sid: "AccountAdministersAndDelegatesToIam",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    Action: [...KEY_ACCOUNT_ACTIONS],
    Resource: ["*"],
  };
}

/**
 * The lake key's policy. In a key policy "Resource: *" means this key. The account root delegates to IAM
 * (so role policies decide who may use it); CloudWatch Logs (Glue's encrypted logs), EventBridge and
 * CloudWatch alarms (publishing to the encrypted SNS topic) may use it for this account only.
 */
export function lakeKeyPolicy(accountId: string, region: string, partition = "aws"): PolicyDocument {
  const sameAccount = { StringEquals: { "aws:SourceAccount": accountId } };
  return policyDocument([
    accountAdministersKey(partition, accountId),
    {
      Sid: "CloudWatchLogsEncryptGlueLogs",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: [
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
      ],
      Resource: ["*"],
      Condition: {
        // An encryption-context key is a string to IAM: StringLike matches the same ARNs as ArnLike would.
        StringLike: {
          "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${accountId}:log-group:*`,
        },
      },
    },
    {
      Sid: "AlertPublishersUseTopicKey",
      Effect: "Allow",
      Principal: { Service: ["events.amazonaws.com", "cloudwatch.amazonaws.com"] },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: ["*"],
      Condition: sameAccount,
    },
  ]);
}
