import { ENI_DESCRIBE_ACTIONS } from "../components/network/vpc-access-policy";

/** Actions AWS offers no resource-level permissions for; allowed on "*" only with a Condition. */
export const RESOURCELESS_ACTIONS: readonly string[] = [
  "cloudwatch:GetMetricData",
  "cloudwatch:ListMetrics",
  "cloudwatch:PutMetricData",
  ...ENI_DESCRIBE_ACTIONS,
];

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: unknown;
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Problems of an identity policy (a role's permissions): an Allow with a wildcard in an action, or an Allow of
 * any action on Resource "*" (except resourceless actions under a Condition). Deny statements may be broad.
 */
export function identityPolicyProblems(policy: string | object): string[] {
  const doc = (typeof policy === "string" ? JSON.parse(policy) : policy) as { Statement?: Statement | Statement[] };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  const problems: string[] = [];
  statements.forEach((s, i) => {
    if (s.Effect !== "Allow") return;
    const actions = asList(s.Action);
    for (const a of actions.filter((x) => x.includes("*"))) problems.push(`statement ${i}: wildcard action '${a}'`);
    if (asList(s.Resource).includes("*")) {
      const bad = actions.filter((a) => !RESOURCELESS_ACTIONS.includes(a) || s.Condition === undefined);
      if (bad.length > 0) problems.push(`statement ${i}: ${bad.join(", ")} on Resource "*"`);
    }
  });
  return problems;
}
