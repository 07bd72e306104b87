import { strict as assert } from "assert";
import { allowsObjectRead } from "../../../policy/object-read";
import { buildStack } from "../stack";

describe("Redshift warehouse in the stacks", () => {
  it("prod: private, encrypted, TLS, enhanced VPC routing, three subnets, a managed admin password", async () => {
    const { mocks } = await buildStack("prod");
    const [ns] = mocks.ofType("aws:redshiftserverless/namespace:Namespace");
    assert.equal(ns.inputs.manageAdminPassword, true);
    assert.equal(ns.inputs.adminUserPassword, undefined);
    assert.ok(ns.inputs.kmsKeyId && ns.inputs.adminPasswordSecretKmsKeyId);
    const [wg] = mocks.ofType("aws:redshiftserverless/workgroup:Workgroup");
    assert.equal(wg.inputs.publiclyAccessible, false);
    assert.equal(wg.inputs.enhancedVpcRouting, true);
    assert.deepEqual(wg.inputs.subnetIds, ["subnet-a", "subnet-b", "subnet-c"]);
    assert.ok(
      wg.inputs.configParameters.some(
        (p: { parameterKey: string; parameterValue: string }) =>
          p.parameterKey === "require_ssl" && p.parameterValue === "true",
      ),
    );
  });

  it("the Spectrum role reads the published gold tables only, and the schema names it", async () => {
    const { mocks } = await buildStack("prod");
    const policy = mocks.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name.endsWith("-spectrum-policy"))!;
    const gold = mocks.ofType("aws:s3/bucket:Bucket").find((b) => b.name.endsWith("-gold"))!;
    const arn = `arn:aws:s3:::${String(gold.state.bucket)}`;
    assert.ok(allowsObjectRead(policy.inputs.policy, `${arn}/kpi_monthly/part.parquet`));
    assert.ok(!allowsObjectRead(policy.inputs.policy, `${arn}/encounter_facts/part.parquet`));
    const sql = mocks.ofType("aws:redshiftdata/statement:Statement").map((s) => String(s.inputs.sql));
    assert.ok(
      sql.some((s) =>
        /^CREATE EXTERNAL SCHEMA IF NOT EXISTS gold FROM DATA CATALOG DATABASE 'fhirlake_prod_gold' IAM_ROLE 'arn:aws:iam::\d+:role\/fhirlake-prod-warehouse-spectrum'$/.test(
          s,
        ),
      ),
      JSON.stringify(sql),
    );
  });

  it("QuickSight connects through a VPC connection with a KMS secret; dev has no warehouse", async () => {
    const { mocks } = await buildStack("prod");
    const source = mocks.ofType("aws:quicksight/dataSource:DataSource").find((d) => d.inputs.type === "REDSHIFT")!;
    assert.ok(source.inputs.credentials.secretArn);
    assert.ok(source.inputs.vpcConnectionProperties.vpcConnectionArn);
    assert.equal(source.inputs.sslProperties.disableSsl, false);
    assert.ok(mocks.ofType("aws:secretsmanager/secret:Secret").every((s) => s.inputs.kmsKeyId));
    const dev = (await buildStack("dev")).mocks;
    assert.equal(dev.ofType("aws:redshiftserverless/workgroup:Workgroup").length, 0);
  });
});
