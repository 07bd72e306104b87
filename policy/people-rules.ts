import { stackRule } from "./network-rules";
import { allowsObjectRead } from "./object-read";
import { StackResource, T, zoneBucketArns } from "./stack-view";
import PUBLISHED from "../glue-jobs/lakehouse/data/published_gold_tables.json";

/** Zones the analyst may never read, whatever table. */
const CLOSED_ZONES = ["raw", "bronze", "silver", "quarantine"] as const;
/** A gold table that is not published: the analyst must not read it (patient-level facts live in such tables). */
const UNPUBLISHED_GOLD = "encounter_facts";

/** The analyst's policy documents: its role's inline policies, or its Identity Center permission set's. */
const analystPolicies = (rs: readonly StackResource[]) =>
  rs.filter(
    (r) => (r.type === T.rolePolicy || r.type === T.permissionSetPolicy) && /-analyst-(?:policy|inline)$/.test(r.name),
  );

export const analystReadsPublishedOnly = stackRule(
  "analyst-reads-published-only",
  "The analyst's own policy documents allow no object read in raw, bronze, silver or quarantine, nor in any gold " +
    "table the published views do not read",
  (rs) => {
    const zones = zoneBucketArns(rs);
    return analystPolicies(rs).flatMap((p): [string, string][] => {
      const doc = p.props.policy ?? p.props.inlinePolicy ?? "{}";
      const probes = [
        ...CLOSED_ZONES.filter((z) => zones[z] !== undefined).map((z) => [z, `${zones[z]}/any/object`]),
        ...(zones.gold === undefined || PUBLISHED.tables.includes(UNPUBLISHED_GOLD)
          ? []
          : [[`gold table ${UNPUBLISHED_GOLD}`, `${zones.gold}/${UNPUBLISHED_GOLD}/part-0.parquet`]]),
      ];
      return probes
        .filter(([, arn]) => allowsObjectRead(doc, arn))
        .map(([what]) => [p.urn, `${p.name}: the analyst can read ${what}`]);
    });
  },
);

/** The people rules of the pack. */
export const peoplePolicies = [analystReadsPublishedOnly];
