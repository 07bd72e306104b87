/* eslint-disable @typescript-eslint/no-explicit-any */
/** A resource as a stack rule sees it. */
export interface StackResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Record<string, any>;
}

export const T = {
  bucket: "aws:s3/bucket:Bucket",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  connection: "aws:glue/connection:Connection",
  lambda: "aws:lambda/function:Function",
  job: "aws:glue/job:Job",
  trail: "aws:cloudtrail/trail:Trail",
  table: "aws:dynamodb/table:Table",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  permissionSetPolicy: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
  objectLock: "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
  kinesis: "aws:kinesis/stream:Stream",
} as const;

/** A policy document from a string or object prop ({} when absent or unknown during preview). */
export function doc(v: unknown): { Statement?: any } {
  if (typeof v === "string") return JSON.parse(v);
  return (v as object | undefined) ?? {};
}

export const statements = (v: unknown): any[] => [doc(v).Statement ?? []].flat();
export const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [String(v)]);

/** The private network is on when the stack declares VPC endpoints or a Glue NETWORK connection. */
export function networkOn(rs: readonly StackResource[]): boolean {
  return rs.some((r) => r.type === T.endpoint || (r.type === T.connection && r.props.connectionType === "NETWORK"));
}

/**
 * Each zone's bucket ARN, read from its bucket policy (`<bucket>-policy`, the bucket tagged fhirlake:zone): bucket
 * names are random, and a policy's Resource holds the real ARN.
 */
export function zoneBucketArns(rs: readonly StackResource[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of rs.filter((r) => r.type === T.bucket)) {
    const zone = b.props.tags?.["fhirlake:zone"];
    const policy = rs.find((r) => r.type === T.bucketPolicy && r.name === `${b.name}-policy`);
    const arn = statements(policy?.props.policy)
      .flatMap((s) => list(s.Resource))
      .find((a) => !a.endsWith("/*"));
    if (zone !== undefined && arn !== undefined) out[zone] = arn;
  }
  return out;
}

/** The stack's `environment` tag, from the AWS provider's default tags (a JSON string among provider inputs). */
export function environmentTag(rs: readonly StackResource[]): string | undefined {
  const provider = rs.find((r) => r.type === "pulumi:providers:aws");
  const tags =
    provider === undefined ? undefined : (doc(provider.props.defaultTags) as { tags?: Record<string, string> });
  return tags?.tags?.environment;
}
