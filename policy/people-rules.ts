import { stackRule } from "./network-rules";
import { allowsObjectRead } from "./object-read";
import { StackResource, T, zoneBucketArns } from "./stack-view";
import GOLD from "../glue-jobs/lakehouse/data/published_gold_tables.json";

/** Zones no reader outside the pipeline may read, whatever table. */
const CLOSED_ZONES = ["raw", "bronze", "silver", "quarantine"] as const;

/**
 * The reads a policy document allows that no reader outside the pipeline may have: an object in a closed zone, or in
 * one of gold's internal per-patient fact tables (published_gold_tables.json). Each as what it would expose.
 */
export function closedReads(policy: string | object, rs: readonly StackResource[]): string[] {
  const zones = zoneBucketArns(rs);
  const probes = [
    ...CLOSED_ZONES.filter((z) => zones[z] !== undefined).map((z) => [z, `${zones[z]}/any/object`]),
    ...(zones.gold === undefined
      ? []
      : GOLD.internal.map((t) => [`gold table ${t}`, `${zones.gold}/${t}/part-0.parquet`])),
  ];
  return probes.filter(([, arn]) => allowsObjectRead(policy, arn)).map(([what]) => what);
}

/** The analyst's policy documents: its role's inline policies, or its Identity Center permission set's. */
const analystPolicies = (rs: readonly StackResource[]) =>
  rs.filter(
    (r) => (r.type === T.rolePolicy || r.type === T.permissionSetPolicy) && /-analyst-(?:policy|inline)$/.test(r.name),
  );

export const analystReadsPublishedOnly = stackRule(
  "analyst-reads-published-only",
  "The analyst's own policy documents allow no object read in raw, bronze, silver or quarantine, nor in any gold " +
    "table the published views do not read",
  (rs) =>
    analystPolicies(rs).flatMap((p) =>
      closedReads(p.props.policy ?? p.props.inlinePolicy ?? "{}", rs).map((what): [string, string] => [
        p.urn,
        `${p.name}: the analyst can read ${what}`,
      ]),
    ),
);

/** The people rules of the pack. */
export const peoplePolicies = [analystReadsPublishedOnly];
