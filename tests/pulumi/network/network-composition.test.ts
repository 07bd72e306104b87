import { strict as assert } from "assert";
import { RecordingMocks } from "../mocks";
import { buildStack } from "../stack";

const POLICY = "aws:s3/bucketPolicy:BucketPolicy";

/** The Sid list of a bucket's policy, by the zone its name ends with. */
function bucketStatements(m: RecordingMocks, zone: string): { Sid: string; Condition?: Record<string, unknown> }[] {
  return JSON.parse(m.one(POLICY, `-${zone}-policy`).inputs.policy).Statement;
}

describe("the private network composed into the stacks", () => {
  let dev: RecordingMocks;
  let prod: RecordingMocks;
  before(async () => {
    dev = (await buildStack("dev")).mocks;
    prod = (await buildStack("prod")).mocks;
  });

  it("prod runs every Glue job through the lake's NETWORK connection; dev jobs have none", () => {
    const conn = prod.one("aws:glue/connection:Connection", "-network-glue");
    for (const job of prod.ofType("aws:glue/job:Job")) assert.deepEqual(job.inputs.connections, [conn.state.name]);
    assert.ok(dev.ofType("aws:glue/job:Job").every((j) => j.inputs.connections === undefined));
    assert.equal(dev.ofType("aws:glue/connection:Connection").length, 0);
  });

  it("prod puts the Lambda in the isolated subnets with the lake security group; dev leaves it outside", () => {
    const fn = prod.ofType("aws:lambda/function:Function")[0].inputs;
    assert.deepEqual(fn.vpcConfig, {
      subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
      securityGroupIds: ["fhirlake-prod-network-sg-id"],
    });
    assert.equal(dev.ofType("aws:lambda/function:Function")[0].inputs.vpcConfig, undefined);
  });

  it("prod's Lambda and job roles may create interfaces only in the lake's subnets", () => {
    const policies = prod.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => /ingest|medallion/.test(p.name));
    assert.equal(policies.length, 4);
    for (const p of policies) {
      const create = JSON.parse(p.inputs.policy).Statement.find(
        (s: { Sid: string }) => s.Sid === "CreateInterfacesInLakeSubnets",
      );
      assert.ok(create, p.name);
      assert.ok(
        create.Resource.some((r: string) => r.endsWith(":subnet/subnet-a")),
        p.name,
      );
    }
  });

  it("prod data buckets deny requests not via the S3 endpoint, but for 3 named roles", () => {
    const s3Endpoint = prod.one("aws:ec2/vpcEndpoint:VpcEndpoint", "-network-s3");
    for (const zone of ["raw", "bronze", "silver", "gold", "quarantine"]) {
      const deny = bucketStatements(prod, zone).find((s) => s.Sid === "DenyOutsideVpcEndpoints");
      assert.ok(deny, zone);
      assert.deepEqual(deny.Condition, {
        StringNotEquals: { "aws:SourceVpce": [`${s3Endpoint.name}-id`] },
        ArnNotLike: {
          "aws:PrincipalArn": [
            "arn:aws:iam::123456789012:role/fhirlake-prod-deploy",
            "arn:aws:iam::123456789012:role/fhirlake-prod-quicksight-athena",
            "arn:aws:iam::123456789012:role/fhirlake-prod-break-glass",
          ],
        },
        BoolIfExists: { "aws:ViaAWSService": "false" },
      });
    }
    for (const zone of ["scripts", "athena-results", "access-logs"])
      assert.ok(!bucketStatements(prod, zone).some((s) => s.Sid === "DenyOutsideVpcEndpoints"), zone);
    for (const zone of ["raw", "gold"])
      assert.ok(!bucketStatements(dev, zone).some((s) => s.Sid === "DenyOutsideVpcEndpoints"), zone);
  });
});
