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
 * Guardrails on the deploy role, which otherwise may change any infrastructure: it never reads lake objects or audit
 * items, and it cannot change its own policies or trust (widening them takes an administrator).
 */
export function deployGuardrailPolicy(zoneBucketArns: readonly string[], auditTableArn: string, ownRoleArn: string) {
  return policyDocument([
    {
      Sid: "NeverReadLakeData",
      Effect: "Deny",
      Action: ["s3:GetObject", "s3:GetObjectVersion"],
      Resource: zoneBucketArns.map((b) => `${b}/*`),
    },
    {
      Sid: "NeverReadAuditItems",
      Effect: "Deny",
      Action: ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"],
      Resource: [auditTableArn, `${auditTableArn}/index/*`],
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
