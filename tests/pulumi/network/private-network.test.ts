import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PrivateNetwork } from "../../../components/network/private-network";
import { endpointPolicy } from "../../../components/network/endpoint-policy";
import { MOCK_ACCOUNT, RecordingMocks, settle, useMocks } from "../mocks";

async function build(streaming: boolean): Promise<RecordingMocks> {
  const mocks = await useMocks("prod");
  const account = {
    accountId: pulumi.output(MOCK_ACCOUNT),
    region: pulumi.output("us-east-1"),
    partition: pulumi.output("aws"),
  };
  new PrivateNetwork("net", { account, cidrBlock: "10.40.0.0/16", zones: 2, streaming });
  await settle(mocks);
  return mocks;
}

describe("PrivateNetwork under mocks", () => {
  it("passes awsx an isolated-only VPC in two zones with no NAT", async () => {
    const mocks = await build(false);
    const vpc = mocks.resources.find((r) => r.type === "awsx:ec2:Vpc");
    assert.ok(vpc, "no awsx:ec2:Vpc");
    assert.equal(vpc.inputs.numberOfAvailabilityZones, 2);
    assert.equal(vpc.inputs.natGateways.strategy, "None");
    assert.deepEqual(
      vpc.inputs.subnetSpecs.map((s: { type: string }) => s.type),
      ["Isolated"],
    );
  });

  it("declares gateway endpoints for S3 and DynamoDB and interface endpoints with private DNS", async () => {
    const mocks = await build(false);
    const eps = mocks.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
    const byService = new Map(eps.map((e) => [String(e.inputs.serviceName).split(".").pop(), e.inputs]));
    for (const s of ["s3", "dynamodb"]) assert.equal(byService.get(s)?.vpcEndpointType, "Gateway", s);
    for (const s of ["glue", "kms", "logs", "monitoring", "sts", "secretsmanager"]) {
      assert.equal(byService.get(s)?.vpcEndpointType, "Interface", s);
      assert.equal(byService.get(s)?.privateDnsEnabled, true, s);
      assert.deepEqual(byService.get(s)?.subnetIds, ["subnet-a", "subnet-b"], s);
    }
    assert.deepEqual(byService.get("s3")?.routeTableIds, ["rtb-a", "rtb-b"]);
    assert.equal(byService.has("kinesis-streams"), false);
    for (const e of eps)
      assert.deepEqual(JSON.parse(e.inputs.policy).Statement[0].Condition.StringEquals, {
        "aws:PrincipalAccount": MOCK_ACCOUNT,
        "aws:ResourceAccount": MOCK_ACCOUNT,
      });
  });

  it("lets the group out on HTTPS to the VPC and the S3 and DynamoDB prefix lists, never the internet", async () => {
    const mocks = await build(false);
    const [sg] = mocks.ofType("aws:ec2/securityGroup:SecurityGroup");
    const egress = sg.inputs.egress as { toPort: number; cidrBlocks?: string[]; prefixListIds?: string[] }[];
    assert.deepEqual(
      egress.flatMap((e) => e.prefixListIds ?? []),
      ["pl-s3", "pl-dynamodb"],
    );
    assert.ok(egress.every((e) => e.toPort === 443 || e.toPort === 0));
    assert.ok(!egress.some((e) => (e.cidrBlocks ?? []).includes("0.0.0.0/0")));
  });

  it("adds the Kinesis endpoint when streaming is on", async () => {
    const mocks = await build(true);
    assert.ok(
      mocks
        .ofType("aws:ec2/vpcEndpoint:VpcEndpoint")
        .some((e) => String(e.inputs.serviceName).endsWith("kinesis-streams")),
    );
  });

  it("attaches Glue through a NETWORK connection in the first isolated subnet, its zone, the lake group", async () => {
    const mocks = await build(false);
    const conn = mocks.one("aws:glue/connection:Connection", "net-glue").inputs;
    assert.equal(conn.connectionType, "NETWORK");
    assert.deepEqual(conn.physicalConnectionRequirements, {
      subnetId: "subnet-a",
      availabilityZone: "us-east-1a",
      securityGroupIdLists: ["net-sg-id"],
    });
  });

  it("limits an endpoint policy to one account", () => {
    const doc = endpointPolicy("kms", "111122223333");
    assert.equal(doc.Statement[0].Condition?.StringEquals["aws:ResourceAccount"], "111122223333");
  });
});
