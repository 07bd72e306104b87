import { PolicyDocument, policyDocument } from "../shared/policy-document";

/** GitHub's OIDC issuer (without https://): the IAM condition keys are prefixed with it. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/** Which workflow runs may assume a role: the repository, and its branch or its (approval-gated) environment. */
export interface GithubSubject {
  readonly repository: string;
  readonly branch: string;
  readonly environment: string | null;
}

/** The OIDC `sub` claim GitHub sends for such a run (an environment's job is named by the environment). */
export function githubSubject(s: GithubSubject): string {
  return s.environment === null
    ? `repo:${s.repository}:ref:refs/heads/${s.branch}`
    : `repo:${s.repository}:environment:${s.environment}`;
}

/** The OIDC `sub` claim of a pull request's run (no branch or environment: any pull request of the repository). */
export function pullRequestSubject(repository: string): string {
  return `repo:${repository}:pull_request`;
}

/** Trust of a role assumed by GitHub Actions through OIDC: audience sts.amazonaws.com and exactly these subjects. */
export function githubTrustPolicy(providerArn: string, subjects: readonly string[]): PolicyDocument {
  return policyDocument([
    {
      Sid: "GithubActionsOfThisRepository",
      Effect: "Allow",
      Principal: { Federated: providerArn },
      Action: ["sts:AssumeRoleWithWebIdentity"],
      Condition: {
        StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com", [`${GITHUB_OIDC_HOST}:sub`]: [...subjects] },
      },
    },
  ]);
}

/**
 * Every S3 action that reads an object or its metadata (IAM's "Read" actions on the object resource type). The
 * deploy role is denied all of them on the lake's buckets; a test compares this list with parliament's IAM data.
 */
export const OBJECT_READ_ACTIONS = [
  "s3:GetObject",
  "s3:GetObjectAcl",
  "s3:GetObjectAttributes",
  "s3:GetObjectLegalHold",
  "s3:GetObjectRetention",
  "s3:GetObjectTagging",
  "s3:GetObjectTorrent",
  "s3:GetObjectVersion",
  "s3:GetObjectVersionAcl",
  "s3:GetObjectVersionAttributes",
  "s3:GetObjectVersionForReplication",
  "s3:GetObjectVersionTagging",
  "s3:GetObjectVersionTorrent",
] as const;

/**
 * DynamoDB actions that return items, or copy them somewhere they could be read (export, backup, restore); the
 * table's own description, tags and settings stay readable, Pulumi needs them.
 */
export const ITEM_READ_ACTIONS = [
  "dynamodb:BatchGetItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:CreateBackup",
  "dynamodb:ExportTableToPointInTime",
  "dynamodb:GetItem",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
  "dynamodb:PartiQLSelect",
  "dynamodb:Query",
  "dynamodb:RestoreTableToPointInTime",
  "dynamodb:Scan",
] as const;

/**
 * Guardrails on the deploy role, whose AdministratorAccess may change any infrastructure (the documented exception,
 * policy/iam-wildcard-exceptions.json): explicit, unconditional denies, which no Allow and no bucket policy can
 * override, of every object read on the lake's buckets and every item read or copy of the audit table; and no changes
 * to its own policies or trust (widening them takes an administrator).
 */
export function deployGuardrailPolicy(dataBucketArns: readonly string[], auditTableArn: string, ownRoleArn: string) {
  return policyDocument([
    {
      Sid: "NeverReadLakeData",
      Effect: "Deny",
      Action: [...OBJECT_READ_ACTIONS],
      Resource: dataBucketArns.map((b) => `${b}/*`),
    },
    {
      Sid: "NeverReadAuditItems",
      Effect: "Deny",
      Action: [...ITEM_READ_ACTIONS],
      Resource: [auditTableArn, `${auditTableArn}/index/*`, `${auditTableArn}/stream/*`],
    },
    {
      Sid: "CannotWidenItself",
      Effect: "Deny",
      Action: [
        "iam:AttachRolePolicy",
        "iam:DeleteRolePermissionsBoundary",
        "iam:DeleteRolePolicy",
        "iam:DetachRolePolicy",
        "iam:PutRolePermissionsBoundary",
        "iam:PutRolePolicy",
        "iam:UpdateAssumeRolePolicy",
      ],
      Resource: [ownRoleArn],
    },
  ]);
}
