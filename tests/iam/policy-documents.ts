import { Recorded } from "../pulumi/mocks";

/** What a policy document governs: a principal's rights, a resource's, or who may assume a role. */
export type PolicyKind = "identity" | "resource" | "trust";

/** One IAM policy document of a stack, named by the resource and input that carry it. */
export interface CollectedPolicy {
  /** `<resource name>.<input>`, unique within a stack. */
  readonly id: string;
  readonly resource: string;
  readonly type: string;
  readonly kind: PolicyKind;
  readonly document: { Statement: Record<string, unknown>[] };
}

/** The inputs that carry policy documents, per resource type. */
export const POLICY_INPUTS: Readonly<Record<string, Readonly<Record<string, PolicyKind>>>> = {
  "aws:iam/role:Role": { assumeRolePolicy: "trust" },
  "aws:iam/rolePolicy:RolePolicy": { policy: "identity" },
  "aws:iam/policy:Policy": { policy: "identity" },
  "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": { inlinePolicy: "identity" },
  "aws:s3/bucketPolicy:BucketPolicy": { policy: "resource" },
  "aws:kms/key:Key": { policy: "resource" },
  "aws:ec2/vpcEndpoint:VpcEndpoint": { policy: "resource" },
  "aws:sns/topicPolicy:TopicPolicy": { policy: "resource" },
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": { policyDocument: "resource" },
};

/** Inputs naming a managed policy by ARN (its text is AWS's, so it is checked against the exceptions by name). */
export const MANAGED_POLICY_INPUTS: Readonly<Record<string, string>> = {
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
  "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": "managedPolicyArn",
};

/** The document a string input holds, or undefined (not JSON, or JSON without Statement: a template, say). */
function parseDocument(v: unknown): CollectedPolicy["document"] | undefined {
  if (typeof v !== "string" || !v.includes("Statement")) return undefined;
  try {
    const doc = JSON.parse(v);
    return doc !== null && typeof doc === "object" && "Statement" in doc ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Paths of every string input that parses as a policy document, however deep (a new kind must not slip by). */
function documentPaths(value: unknown, path: string): string[] {
  if (parseDocument(value) !== undefined) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => documentPaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => documentPaths(v, path ? `${path}.${k}` : k));
  return [];
}

/**
 * Every policy document the recorded resources carry. Throws on a document in an input POLICY_INPUTS does not
 * name, so a resource type added to the stack with a policy is collected, not missed.
 */
export function collectPolicies(resources: readonly Recorded[]): CollectedPolicy[] {
  const out: CollectedPolicy[] = [];
  for (const r of resources.filter((x) => x.custom)) {
    const known = POLICY_INPUTS[r.type] ?? {};
    const unknown = documentPaths(r.inputs, "").filter((p) => !(p in known));
    if (unknown.length > 0) throw new Error(`${r.type} ${r.name} has uncollected policy documents: ${unknown}`);
    for (const [input, kind] of Object.entries(known)) {
      const document = parseDocument(r.inputs[input]);
      if (document !== undefined)
        out.push({ id: `${r.name}.${input}`, resource: r.name, type: r.type, kind, document });
    }
  }
  return out;
}

/** Managed policies attached by ARN: the attaching resource's name and type, and the ARN. */
export function managedPolicies(resources: readonly Recorded[]): { resource: string; type: string; arn: string }[] {
  return resources
    .filter((r) => r.custom && r.type in MANAGED_POLICY_INPUTS)
    .map((r) => ({ resource: r.name, type: r.type, arn: String(r.inputs[MANAGED_POLICY_INPUTS[r.type]]) }));
}
