import { strict as assert } from "assert";
import {
  analystPolicy,
  breakGlassPolicy,
  engineerPolicy,
  LakeResources,
} from "../../../components/access/people-policies";
import { allowsObjectRead } from "../../../policy/object-read";
import { identityPolicyProblems } from "../../../policy/iam-checks";

const bucket = (z: string) => `arn:aws:s3:::lake-${z}`;
const LAKE: LakeResources = {
  scope: { partition: "aws", region: "us-east-1", accountId: "111122223333" },
  workgroupName: "lake-analytics",
  buckets: {
    raw: bucket("raw"),
    bronze: bucket("bronze"),
    silver: bucket("silver"),
    gold: bucket("gold"),
    quarantine: bucket("quarantine"),
    "athena-results": bucket("athena-results"),
  },
  databases: { bronze: "lake_bronze", silver: "lake_silver", gold: "lake_gold" },
  publishedGoldTables: ["kpi_monthly"],
  viewNames: ["kpi_rollup", "kpi_totals"],
  jobNames: ["lake-bronze", "lake-silver", "lake-gold"],
  workflowName: "lake-medallion",
  ingestFunctionName: "lake-ingest-trigger",
  auditTableArn: "arn:aws:dynamodb:us-east-1:111122223333:table/lake-ingest-audit",
  kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k",
};
const object = (zone: string, key: string) => `${bucket(zone)}/${key}`;

describe("the people's policy documents", () => {
  it("the analyst reads the published gold table and no raw, bronze, silver, quarantine, restricted gold", () => {
    const doc = analystPolicy(LAKE);
    assert.equal(allowsObjectRead(doc, object("gold", "kpi_monthly/part-0.parquet")), true);
    for (const [zone, key] of [
      ["gold", "condition_prevalence/part-0.parquet"],
      ["gold", "encounter_facts/part-0.parquet"],
      ["silver", "patient/part-0.parquet"],
      ["bronze", "resources/Patient/x.parquet"],
      ["raw", "fhir/bundle.json"],
      ["quarantine", "quarantine/x.parquet"],
    ])
      assert.equal(allowsObjectRead(doc, object(zone, key)), false, `${zone}/${key}`);
  });

  it("the analyst's catalog rights name the views and the published table only", () => {
    const glue = analystPolicy(LAKE).Statement.find((s) => s.Sid === "ReadPublishedCatalog")!;
    const tables = glue.Resource!.filter((r) => r.includes(":table/")).map((r) => r.split("/").pop());
    assert.deepEqual(tables, ["kpi_rollup", "kpi_totals", "kpi_monthly"]);
  });

  it("the engineer starts jobs and reads logs but reads no lake object", () => {
    const doc = engineerPolicy(LAKE);
    const actions = doc.Statement.flatMap((s) => (s.Effect === "Allow" ? s.Action : []));
    assert.ok(actions.includes("glue:StartJobRun") && actions.includes("logs:GetLogEvents"));
    for (const zone of ["raw", "bronze", "silver", "gold", "quarantine"])
      assert.equal(allowsObjectRead(doc, object(zone, "any/key")), false, zone);
  });

  it("break-glass reads every zone", () => {
    for (const zone of ["raw", "bronze", "silver", "gold", "quarantine"])
      assert.equal(allowsObjectRead(breakGlassPolicy(LAKE), object(zone, "any/key")), true, zone);
  });

  it("all three pass the least-privilege check", () => {
    for (const doc of [analystPolicy(LAKE), engineerPolicy(LAKE), breakGlassPolicy(LAKE)])
      assert.deepEqual(identityPolicyProblems(doc), []);
  });

  it("the object-read check sees wildcard grants and unconditional denies", () => {
    const allowAll = { Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::lake-*/*" }] };
    assert.equal(allowsObjectRead(allowAll, object("silver", "x")), true);
    const denied = { Statement: [...allowAll.Statement, { Effect: "Deny", Action: "s3:*", Resource: "*" }] };
    assert.equal(allowsObjectRead(denied, object("silver", "x")), false);
  });
});
