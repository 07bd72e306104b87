import { PolicyDocument, policyDocument } from "../shared/policy-document";

/** An interface endpoint: the last part of its service name, and the IAM prefix of the actions it carries. */
export interface InterfaceService {
  readonly endpoint: string;
  readonly iam: string;
}

/**
 * The AWS services the lake reaches through interface endpoints. CloudWatch (`monitoring`) carries the jobs'
 * custom metrics; its actions are `cloudwatch:*`.
 */
export const INTERFACE_SERVICES: readonly InterfaceService[] = [
  { endpoint: "glue", iam: "glue" },
  { endpoint: "kms", iam: "kms" },
  { endpoint: "logs", iam: "logs" },
  { endpoint: "monitoring", iam: "cloudwatch" },
  { endpoint: "sts", iam: "sts" },
  { endpoint: "secretsmanager", iam: "secretsmanager" },
];
/** Added when the vitals stream is on. */
export const STREAMING_SERVICE: InterfaceService = { endpoint: "kinesis-streams", iam: "kinesis" };
/** Gateway endpoints: free, routed through the private subnets' route tables. */
export const GATEWAY_SERVICES = ["s3", "dynamodb"] as const;

/**
 * An endpoint policy: only principals of this account, acting on resources of this account, may use the endpoint
 * (no data can be copied out to another account's bucket through it). The service-wide action is the documented
 * exception to "no wildcards": the endpoint only narrows who and where; the roles' own policies name actions.
 */
export function endpointPolicy(iamPrefix: string, accountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "ThisAccountOnly",
      Effect: "Allow",
      Principal: "*",
      Action: [`${iamPrefix}:*`],
      Resource: ["*"],
      Condition: { StringEquals: { "aws:PrincipalAccount": accountId, "aws:ResourceAccount": accountId } },
    },
  ]);
}
