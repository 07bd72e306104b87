import { list } from "./stack-view";

/* eslint-disable @typescript-eslint/no-explicit-any */
/** IAM's glob: `*` any run of characters, `?` one character, everything else literal (case-sensitive). */
function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, ignoreCase ? "i" : "").test(value);
}

/** Does a statement name this action (IAM actions are case-insensitive) on this resource? */
function statementCovers(s: any, action: string, resource: string): boolean {
  const actions = list(s.Action).some((a) => globMatches(a, action, true));
  const notActions = s.NotAction !== undefined && !list(s.NotAction).some((a) => globMatches(a, action, true));
  const resources = list(s.Resource).some((r) => globMatches(r, resource));
  const notResources = s.NotResource !== undefined && !list(s.NotResource).some((r) => globMatches(r, resource));
  return (actions || notActions) && (resources || notResources);
}

/**
 * Whether an identity policy on its own lets its holder do an action on a resource: some Allow covers it and no
 * unconditional Deny does. Conditions are ignored: an Allow counts even with one (it could only narrow), a Deny only
 * without one, so the answer errs towards "allowed". A check of the policy's own text, not all IAM evaluates.
 */
export function allowsAction(policy: string | object, action: string, resource: string): boolean {
  const doc = (typeof policy === "string" ? JSON.parse(policy) : policy) as { Statement?: any };
  const statements: any[] = doc.Statement === undefined ? [] : [doc.Statement].flat();
  const allowed = statements.some((s) => s.Effect === "Allow" && statementCovers(s, action, resource));
  const denied = statements.some(
    (s) => s.Effect === "Deny" && s.Condition === undefined && statementCovers(s, action, resource),
  );
  return allowed && !denied;
}

/** Whether an identity policy on its own lets its holder read (s3:GetObject) an object (see allowsAction). */
export function allowsObjectRead(policy: string | object, objectArn: string): boolean {
  return allowsAction(policy, "s3:GetObject", objectArn);
}
