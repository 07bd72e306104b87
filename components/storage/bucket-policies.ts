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
 * The bucket policy of a SecureBucket: TLS only, plus log delivery when the bucket is the access-log target.
 * (The Deny on s3:* is the one wildcard action the stack uses: denying all is the safe direction.)
 */
export function secureBucketPolicy(bucketArn: string, accountId: string, receivesAccessLogs: boolean): PolicyDocument {
  const statements = [denyInsecureTransport(bucketArn)];
  if (receivesAccessLogs) statements.push(allowAccessLogDelivery(bucketArn, accountId));
  return policyDocument(statements);
}
