import { PolicyDocument, policyDocument } from "../shared/policy-document";

/** Trust of a person role without Identity Center: principals of this account, signed in with MFA. */
export function peopleTrustPolicy(partition: string, accountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "AccountPrincipalsWithMfa",
      Effect: "Allow",
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: ["sts:AssumeRole"],
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    },
  ]);
}
