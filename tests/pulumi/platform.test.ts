import { strict as assert } from "assert";
import { identityPolicyProblems } from "../../policy/iam-checks";
import { decodePrestoView } from "../../components/shared/athena-views";
import { MOCK_ACCOUNT, RecordingMocks } from "./mocks";
import { buildStack } from "./stack";

const BUCKET = "aws:s3/bucket:Bucket";

/** Count of custom resources per type. */
function inventory(mocks: RecordingMocks): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of mocks.resources.filter((x) => x.custom)) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

describe("whole stacks under mocks", () => {
  let dev: RecordingMocks;
  let prod: RecordingMocks;
  before(async () => {
    dev = (await buildStack("dev")).mocks;
    prod = (await buildStack("prod")).mocks;
  });

  it(
    "dev declares the platform's inventory: 9 buckets (8 zones and the trail's), 3 jobs, 3 triggers, " +
      "1 workflow, 1 table, 1 Lambda, 1 topic, 3 alarms, no QuickSight",
    () => {
      const inv = inventory(dev);
      assert.equal(inv[BUCKET], 9);
      assert.equal(inv["aws:cloudtrail/trail:Trail"], 1);
      assert.equal(inv["aws:glue/job:Job"], 3);
      assert.equal(inv["aws:glue/trigger:Trigger"], 3);
      assert.equal(inv["aws:glue/workflow:Workflow"], 1);
      assert.equal(inv["aws:dynamodb/table:Table"], 1);
      assert.equal(inv["aws:lambda/function:Function"], 1);
      assert.equal(inv["aws:sns/topic:Topic"], 1);
      assert.equal(inv["aws:cloudwatch/metricAlarm:MetricAlarm"], 3);
      assert.equal(inv["aws:glue/catalogDatabase:CatalogDatabase"], 3);
      assert.equal(inv["aws:quicksight/dataSource:DataSource"], undefined);
    },
  );

  it(
    "prod adds QuickSight (role, data source, a data set per view, a dashboard " +
      "and its aws-native provider), a scheduled run rule, a second subscriber and the private network " +
      "(security group, 2 gateway and 6 interface endpoints, a Glue connection) and the Redshift warehouse " +
      "(namespace, workgroup, Spectrum role, 3 SQL statements, QuickSight's VPC connection, data source and secret)",
    () => {
      const extra = Object.entries(inventory(prod)).filter(([t, n]) => (inventory(dev)[t] ?? 0) !== n);
      assert.deepEqual(Object.fromEntries(extra), {
        "aws:iam/role:Role": 12,
        "aws:iam/rolePolicy:RolePolicy": 12,
        "aws:quicksight/dataSource:DataSource": 2,
        "aws:quicksight/vpcConnection:VpcConnection": 1,
        "aws:redshiftdata/statement:Statement": 3,
        "aws:redshiftserverless/namespace:Namespace": 1,
        "aws:redshiftserverless/workgroup:Workgroup": 1,
        "aws:secretsmanager/secret:Secret": 1,
        "aws:secretsmanager/secretVersion:SecretVersion": 1,
        "random:index/randomPassword:RandomPassword": 1,
        "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2": 1,
        "aws:quicksight/dataSet:DataSet": 2,
        "aws-native:quicksight:Dashboard": 1,
        "pulumi:providers:aws-native": 1,
        "aws:cloudwatch/eventRule:EventRule": 6,
        "aws:cloudwatch/eventTarget:EventTarget": 6,
        "aws:ec2/securityGroup:SecurityGroup": 1,
        "aws:ec2/vpcEndpoint:VpcEndpoint": 8,
        "aws:glue/connection:Connection": 1,
        "aws:lambda/permission:Permission": 4,
        "aws:sns/topicSubscription:TopicSubscription": 2,
      });
    },
  );

  it("prod protects and retains the data and trail buckets, both keys, the audit table; dev protects nothing", () => {
    const guarded = (m: RecordingMocks) =>
      [...m.options.entries()]
        .filter(([, o]) => o.protect && o.retainOnDelete)
        .map(([k]) => k.split("::")[1])
        .sort();
    assert.deepEqual(guarded(dev), []);
    assert.deepEqual(guarded(prod), [
      "fhirlake-prod-access-logs",
      "fhirlake-prod-audit-table",
      "fhirlake-prod-audit-trail",
      "fhirlake-prod-bronze",
      "fhirlake-prod-gold",
      "fhirlake-prod-quarantine",
      "fhirlake-prod-raw",
      "fhirlake-prod-silver",
      "fhirlake-prod-storage-key",
      "fhirlake-prod-trail-key",
    ]);
  });

  it("dev buckets may be force-destroyed, prod buckets never", () => {
    assert.ok(dev.ofType(BUCKET).every((b) => b.inputs.forceDestroy === true));
    assert.ok(prod.ofType(BUCKET).every((b) => b.inputs.forceDestroy === false));
  });

  it("every IAM role policy in both stacks has no wildcard action and no action on Resource *", () => {
    for (const m of [dev, prod]) {
      const policies = m.ofType("aws:iam/rolePolicy:RolePolicy");
      assert.ok(policies.length >= 4);
      for (const p of policies) assert.deepEqual(identityPolicyProblems(p.inputs.policy), [], p.name);
    }
  });

  it("no resource input carries a hard-coded account id other than the caller's", () => {
    const text = JSON.stringify(prod.resources.map((r) => r.inputs));
    const ids = new Set(text.match(/\b\d{12}\b/g) ?? []);
    assert.deepEqual([...ids], [MOCK_ACCOUNT]);
  });

  it("declares each fixture view as a Presto VIRTUAL_VIEW in the gold database", () => {
    const views = dev.ofType("aws:glue/catalogTable:CatalogTable");
    assert.deepEqual(views.map((v) => v.inputs.name).sort(), ["kpi_base", "kpi_monthly_published", "readmissions"]);
    const kpi = views.find((v) => v.inputs.name === "kpi_monthly_published")!;
    assert.equal(kpi.inputs.tableType, "VIRTUAL_VIEW");
    assert.equal(kpi.inputs.databaseName, "fhirlake_dev_gold");
    const decoded = decodePrestoView(kpi.inputs.viewOriginalText);
    assert.equal(decoded.schema, "fhirlake_dev_gold");
    assert.match(decoded.originalSql, /^select month, region/);
    assert.deepEqual(
      kpi.inputs.storageDescriptor.columns.map((c: { type: string }) => c.type),
      ["string", "string", "bigint", "double", "timestamp"],
    );
  });
});
