import { stackRule } from "./network-rules";
import { StackResource, T, environmentTag, list, zoneBucketArns } from "./stack-view";

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The zones holding PHI, whose object reads and writes the trail must record. */
const PHI_ZONES = ["raw", "bronze", "silver"] as const;

/** The advanced event selectors that record data events (eventCategory Data). */
const dataSelectors = (t: StackResource): any[] =>
  list(t.props.advancedEventSelectors).filter((s: any) =>
    (s.fieldSelectors ?? []).some((f: any) => f.field === "eventCategory" && list(f.equals).includes("Data")),
  );

/** Values a selector gives a field under one operator (equals, startsWiths, ...). */
const field = (s: any, name: string, op: string): string[] =>
  (s.fieldSelectors ?? []).filter((f: any) => f.field === name).flatMap((f: any) => list(f[op]));

function trailProblems(t: StackResource, rs: readonly StackResource[]): string[] {
  const p = t.props;
  const problems = [
    ...(p.isMultiRegionTrail === true ? [] : ["is not multi-region"]),
    ...(p.enableLogFileValidation === true ? [] : ["has no log file validation"]),
    ...(p.kmsKeyId ? [] : ["is not KMS-encrypted"]),
  ];
  const data = dataSelectors(t);
  const objects = data.filter((s) => field(s, "resources.type", "equals").includes("AWS::S3::Object"));
  const zones = zoneBucketArns(rs);
  for (const zone of PHI_ZONES) {
    const arn = zones[zone];
    if (arn === undefined) continue;
    const covered = objects.some((s) => field(s, "resources.ARN", "startsWiths").some((a) => `${arn}/`.startsWith(a)));
    if (!covered) problems.push(`records no S3 data events on the ${zone} bucket`);
  }
  const tables = data.filter((s) => field(s, "resources.type", "equals").includes("AWS::DynamoDB::Table"));
  if (rs.some((r) => r.type === T.table) && tables.length === 0)
    problems.push("records no DynamoDB data events on the audit table");
  return problems.map((x) => `${t.name}: trail ${x}`);
}

export const trailRecordsData = stackRule(
  "cloudtrail-validated-data-events",
  "A multi-region, KMS-encrypted CloudTrail with log file validation records S3 data events on raw, bronze and " +
    "silver and DynamoDB data events on the audit table",
  (rs) => {
    const trails = rs.filter((r) => r.type === T.trail);
    if (trails.length === 0) return [[rs[0]?.urn ?? "", "the stack has no CloudTrail trail"]];
    return trails.flatMap((t) => trailProblems(t, rs).map((m): [string, string] => [t.urn, m]));
  },
);

export const trailObjectLock = stackRule(
  "cloudtrail-object-lock-prod",
  "In prod, the trail bucket has S3 Object Lock in COMPLIANCE mode with a default retention",
  (rs) => {
    if (environmentTag(rs) !== "prod") return [];
    const buckets = rs.filter((r) => r.type === T.bucket && r.props.tags?.["fhirlake:zone"] === "audit-trail");
    if (buckets.length === 0) return [[rs[0]?.urn ?? "", "prod has no audit-trail bucket"]];
    return buckets.flatMap((b): [string, string][] => {
      const lock = rs.find((r) => r.type === T.objectLock && r.name === `${b.name}-object-lock`);
      const retention = lock?.props.rule?.defaultRetention;
      const problems = [
        ...(b.props.objectLockEnabled === true ? [] : ["is not created with Object Lock"]),
        ...(retention?.mode === "COMPLIANCE" && (retention.days > 0 || retention.years > 0)
          ? []
          : ["has no COMPLIANCE default retention"]),
      ];
      return problems.map((m) => [b.urn, `${b.name}: trail bucket ${m}`]);
    });
  },
);

/** The audit-trail rules of the pack. */
export const auditPolicies = [trailRecordsData, trailObjectLock];
