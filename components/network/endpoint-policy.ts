import { PolicyDocument, policyDocument } from "../shared/policy-document";

/** The AWS services the lake reaches through interface endpoints (Kinesis only when streaming is on). */
export const INTERFACE_SERVICES = ["glue", "kms", "logs", "sts", "secretsmanager"] as const;
/** Gateway endpoints: free, routed through the private subnets' route tables. */
export const GATEWAY_SERVICES = ["s3", "dynamodb"] as const;

/**
 * An endpoint policy: only principals of this account, acting on resources of this account, may use the endpoint
 * (no data can be copied out to another account's bucket through it). The service-wide action is the documented
 * exception to "no wildcards": the endpoint only narrows who and where; the roles' own policies name actions.
 */
export function endpointPolicy(service: string, accountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "ThisAccountOnly",
      Effect: "Allow",
      Principal: "*",
      Action: [`${service}:*`],
      Resource: ["*"],
      Condition: { StringEquals: { "aws:PrincipalAccount": accountId, "aws:ResourceAccount": accountId } },
    },
  ]);
}
