import { PolicyDocument, PolicyStatement, policyDocument } from "../shared/policy-document";

/** Denies every request to the bucket and its objects that does not use TLS (aws:SecureTransport false). */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: ["s3:*"],
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** Lets S3 server access logging write into the log bucket, only for source buckets of this account. */
export function allowAccessLogDelivery(bucketArn: string, accountId: string): PolicyStatement {
  return {
    Sid: "AllowS3ServerAccessLogs",
    Effect: "Allow",
    Principal: { Service: "logging.s3.amazonaws.com" },
    Action: ["s3:PutObject"],
    Resource: [`${bucketArn}/*`],
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  };
}

/**
 * The bucket policy of a SecureBucket: TLS only, plus log delivery when the bucket is the access-log target, plus
 * the VPC-endpoint restriction when given. (Deny on s3:* is the one wildcard action the stack uses: denying all is
 * the safe direction.)
 */
export function secureBucketPolicy(
  bucketArn: string,
  accountId: string,
  receivesAccessLogs: boolean,
  endpointOnly?: EndpointRestriction,
): PolicyDocument {
  const statements = [denyInsecureTransport(bucketArn)];
  if (receivesAccessLogs) statements.push(allowAccessLogDelivery(bucketArn, accountId));
  if (endpointOnly !== undefined) statements.push(denyOutsideVpcEndpoints(bucketArn, endpointOnly));
  return policyDocument(statements);
}

/** Who may reach a data bucket: requests through these VPC endpoints, or by these roles (deploy, QuickSight...). */
export interface EndpointRestriction {
  readonly endpointIds: readonly string[];
  readonly exemptRoleArns: readonly string[];
}

/**
 * Denies every request that comes neither through the lake's VPC endpoints nor from a named role. aws:SourceVpce is
 * only present on requests through an endpoint, and the negated operator matches when it is absent. Requests AWS
 * services make on a caller's behalf (Athena reading gold for a query; aws:ViaAWSService true) are left to IAM.
 */
export function denyOutsideVpcEndpoints(bucketArn: string, r: EndpointRestriction): PolicyStatement {
  if (r.endpointIds.length === 0) throw new Error("denyOutsideVpcEndpoints needs at least one VPC endpoint id");
  return {
    Sid: "DenyOutsideVpcEndpoints",
    Effect: "Deny",
    Principal: "*",
    Action: ["s3:*"],
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: {
      StringNotEquals: { "aws:SourceVpce": [...r.endpointIds] },
      ArnNotLike: { "aws:PrincipalArn": [...r.exemptRoleArns] },
      BoolIfExists: { "aws:ViaAWSService": "false" },
    },
  };
}
