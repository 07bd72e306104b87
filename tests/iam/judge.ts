import { RESOURCELESS_ACTIONS } from "../../policy/iam-checks";
import { CollectedPolicy, PolicyKind } from "./policy-documents";

/** One parliament finding, as scripts/check_iam_policies.py prints it. */
export interface Finding {
  readonly issue: string;
  readonly detail: string;
}

/** A documented wildcard (policy/iam-wildcard-exceptions.json). */
export interface WildcardException {
  readonly type: string;
  readonly resource: string;
  readonly wildcards: readonly string[];
  readonly findings: readonly string[];
  readonly reason: string;
}

/** A finding parliament gets wrong (policy/parliament-false-positives.json). */
export interface FalsePositive {
  readonly issue: string;
  readonly detail: string;
  readonly kinds: readonly PolicyKind[];
  readonly reason: string;
}

/** Findings no exception may excuse: the document is broken, or names what AWS does not have. */
export const NEVER_EXCUSED = ["EXCEPTION", "MALFORMED_JSON", "UNKNOWN_ACTION", "UNKNOWN_PREFIX", "RESOURCE_MISMATCH"];

const glob = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\?]/g, "\\$&").replace(/\*/g, ".*")}$`).test(value);
const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** The wildcards of a document's Allow statements (see the exceptions file's comment for what counts). */
export function wildcardsOf(document: CollectedPolicy["document"]): string[] {
  const found = new Set<string>();
  for (const s of [document.Statement].flat().filter((x) => x.Effect === "Allow")) {
    for (const a of list(s.Action).filter((x) => x.includes("*"))) found.add(a);
    // Resource "*" is the only way to grant an action without resource-level permissions (the pack's list, under a
    // Condition); for any other action it is a wildcard.
    const resourceless = s.Condition !== undefined && list(s.Action).every((a) => RESOURCELESS_ACTIONS.includes(a));
    if (list(s.Resource).includes("*") && !resourceless) found.add("Resource *");
    const principal = s.Principal;
    const principals = typeof principal === "object" && principal !== null ? Object.values(principal) : [principal];
    if (principals.flat().includes("*")) found.add("Principal *");
    for (const k of ["NotAction", "NotResource", "NotPrincipal"]) if (k in s) found.add(k);
  }
  return [...found].sort();
}

/** Everything wrong with the stacks' documents, given parliament's findings per document id; [] when all is well. */
export function judge(
  policies: readonly CollectedPolicy[],
  managed: readonly { resource: string; type: string; arn: string }[],
  findings: Readonly<Record<string, readonly Finding[]>>,
  exceptions: readonly WildcardException[],
  falsePositives: readonly FalsePositive[],
): string[] {
  const problems: string[] = [];
  const usedExceptions = new Set<WildcardException>();
  const usedFalsePositives = new Set<FalsePositive>();
  const applying = (type: string, resource: string) =>
    exceptions.filter((e) => e.type === type && glob(e.resource, resource));
  const excuse = (id: string, type: string, resource: string, wildcards: readonly string[]) => {
    for (const w of wildcards) {
      const e = applying(type, resource).find((x) => x.wildcards.includes(w));
      if (e === undefined) problems.push(`${id}: wildcard ${w} is not a documented exception`);
      else usedExceptions.add(e);
    }
  };
  for (const p of policies) {
    excuse(p.id, p.type, p.resource, wildcardsOf(p.document));
    const allowed = applying(p.type, p.resource).flatMap((e) => e.findings);
    for (const f of findings[p.id] ?? []) {
      const fp = falsePositives.find(
        (x) => x.issue === f.issue && x.kinds.includes(p.kind) && glob(x.detail, f.detail),
      );
      if (fp !== undefined) usedFalsePositives.add(fp);
      else if (NEVER_EXCUSED.includes(f.issue) || !allowed.includes(f.issue))
        problems.push(`${p.id}: parliament ${f.issue} ${f.detail}`);
    }
  }
  for (const m of managed.filter((x) => x.arn.includes(":aws:policy/")))
    excuse(m.resource, m.type, m.resource, [m.arn]);
  for (const e of exceptions.filter((x) => !usedExceptions.has(x)))
    problems.push(`exception ${e.type} ${e.resource} is used by no document`);
  for (const fp of falsePositives.filter((x) => !usedFalsePositives.has(x)))
    problems.push(`false positive ${fp.issue} ${fp.detail} matches no finding`);
  return problems;
}
