import { strict as assert } from "assert";
import { auditPolicies } from "../../policy/audit-rules";
import { networkPolicies } from "../../policy/network-rules";
import { closedReads, peoplePolicies } from "../../policy/people-rules";
import { StackResource } from "../../policy/stack-view";
import { warehouseStackPolicies } from "../../policy/warehouse-rules";
import GOLD from "../../glue-jobs/lakehouse/data/published_gold_tables.json";
import { buildStack } from "../pulumi/stack";
import { PolicyInput, fromMocks, runStackPolicy } from "./run-policies";

/* eslint-disable @typescript-eslint/no-explicit-any */
const TRAIL = "aws:cloudtrail/trail:Trail";
const LOCK = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";
const RULES = Object.fromEntries(
  [...networkPolicies, ...auditPolicies, ...peoplePolicies, ...warehouseStackPolicies].map((p) => [p.name, p]),
);

/** The prod stack's resources (deep copies: each case breaks its own). */
async function prod(): Promise<PolicyInput[]> {
  return JSON.parse(JSON.stringify(fromMocks((await buildStack("prod")).mocks.resources))) as PolicyInput[];
}

const one = (rs: PolicyInput[], type: string, name?: RegExp): PolicyInput => {
  const r = rs.find((x) => x.type === type && (name === undefined || name.test(x.name)));
  assert.ok(r, `no ${type} ${name ?? ""}`);
  return r;
};
const props = (r: PolicyInput) => r.props as Record<string, any>;
const policyOf = (r: PolicyInput) => JSON.parse(String(props(r).policy));
const without = (rs: PolicyInput[], drop: PolicyInput) => rs.filter((r) => r !== drop);
/** A breakIt that edits the props of the one resource of this type (and name). */
const edit =
  (type: string, change: (p: Record<string, any>) => void, name?: RegExp) =>
  (rs: PolicyInput[]): PolicyInput[] => {
    change(props(one(rs, type, name)));
    return rs;
  };

/** Each case breaks one thing in a copy of prod; the named rule must report it, naming `expect`. */
const CASES: readonly { rule: string; what: string; expect: RegExp; breakIt: (rs: PolicyInput[]) => PolicyInput[] }[] =
  [
    {
      rule: "network-private-placement",
      what: "the Lambda outside the VPC",
      expect: /Lambda is not in the VPC/,
      breakIt: edit("aws:lambda/function:Function", (f) => delete f.vpcConfig),
    },
    {
      rule: "network-private-placement",
      what: "a Glue job without its NETWORK connection",
      expect: /Glue job has no NETWORK connection/,
      breakIt: (rs) => {
        props(one(rs, "aws:glue/job:Job")).connections = [];
        return rs;
      },
    },
    {
      rule: "network-private-placement",
      what: "the Glue connection in a public subnet",
      expect: /connection subnet subnet-public is not private/,
      breakIt: (rs) => {
        const c = props(one(rs, "aws:glue/connection:Connection"));
        c.physicalConnectionRequirements = { ...c.physicalConnectionRequirements, subnetId: "subnet-public" };
        return rs;
      },
    },
    ...["s3", "dynamodb", "glue", "kms", "logs", "monitoring", "sts", "secretsmanager"].map((svc) => ({
      rule: "network-required-endpoints",
      what: `no ${svc} endpoint`,
      expect: new RegExp(`no ${svc} VPC endpoint`),
      breakIt: (rs: PolicyInput[]) =>
        without(
          rs,
          rs.find(
            (r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && String(r.props.serviceName).endsWith(`.${svc}`),
          )!,
        ),
    })),
    {
      rule: "network-required-endpoints",
      what: "an interface endpoint without private DNS",
      expect: /glue endpoint has no private DNS/,
      breakIt: (rs) => {
        props(rs.find((r) => String(r.props.serviceName).endsWith(".glue"))!).privateDnsEnabled = false;
        return rs;
      },
    },
    {
      rule: "network-required-endpoints",
      what: "an endpoint policy open to other accounts",
      expect: /s3 endpoint policy allows principals or resources outside this account/,
      breakIt: (rs) => {
        const e = props(rs.find((r) => String(r.props.serviceName).endsWith(".s3"))!);
        const doc = typeof e.policy === "string" ? JSON.parse(e.policy) : e.policy;
        delete doc.Statement[0].Condition.StringEquals["aws:ResourceAccount"];
        e.policy = JSON.stringify(doc);
        return rs;
      },
    },
    {
      rule: "network-required-endpoints",
      what: "streaming on without a Kinesis endpoint",
      expect: /no kinesis-streams VPC endpoint/,
      breakIt: (rs) => [...rs, { type: "aws:kinesis/stream:Stream", name: "x-vitals", props: {} }],
    },
    {
      rule: "s3-data-buckets-endpoint-only",
      what: "the silver bucket policy without the endpoint deny",
      expect: /silver-policy: no Deny of s3:\* without aws:SourceVpce/,
      breakIt: (rs) => {
        const p = one(rs, "aws:s3/bucketPolicy:BucketPolicy", /-silver-policy$/);
        const doc = policyOf(p);
        doc.Statement = doc.Statement.filter((s: any) => !s.Condition?.StringNotEquals?.["aws:SourceVpce"]);
        props(p).policy = JSON.stringify(doc);
        return rs;
      },
    },
    {
      rule: "s3-data-buckets-endpoint-only",
      what: "an unnamed role exempted from the endpoint deny",
      expect: /raw-policy: arn:aws:iam::\d+:role\/someone is not a named exempt role/,
      breakIt: (rs) => {
        const p = one(rs, "aws:s3/bucketPolicy:BucketPolicy", /-raw-policy$/);
        const doc = policyOf(p);
        const deny = doc.Statement.find((s: any) => s.Condition?.StringNotEquals?.["aws:SourceVpce"]);
        const exempt = deny.Condition.ArnNotLike["aws:PrincipalArn"];
        const account = /::(\d+):/.exec(String([exempt].flat()[0]))![1];
        deny.Condition.ArnNotLike["aws:PrincipalArn"] = [...[exempt].flat(), `arn:aws:iam::${account}:role/someone`];
        props(p).policy = JSON.stringify(doc);
        return rs;
      },
    },
    ...["raw", "silver"].map((zone) => ({
      rule: "analyst-reads-published-only",
      what: `the analyst allowed to read ${zone}`,
      expect: new RegExp(`the analyst can read ${zone}$`),
      breakIt: (rs: PolicyInput[]) => grantRead(rs, zone, "*"),
    })),
    {
      rule: "analyst-reads-published-only",
      what: "the analyst allowed to read a restricted gold table",
      expect: /the analyst can read gold table encounter_facts/,
      breakIt: (rs) => grantRead(rs, "gold", "encounter_facts/*"),
    },
    ...["bronze", "quarantine"].map((zone) => ({
      rule: "warehouse-reads-published-only",
      what: `the warehouse's Spectrum role allowed to read ${zone}`,
      expect: new RegExp(`the warehouse fhirlake-prod-warehouse-namespace can read ${zone}$`),
      breakIt: (rs: PolicyInput[]) => grantRead(rs, zone, "*", /-warehouse-spectrum-policy$/),
    })),
    ...GOLD.internal.map((table) => ({
      rule: "warehouse-reads-published-only",
      what: `the warehouse's Spectrum role allowed to read gold's internal ${table}`,
      expect: new RegExp(`the warehouse fhirlake-prod-warehouse-namespace can read gold table ${table}$`),
      breakIt: (rs: PolicyInput[]) => grantRead(rs, "gold", `${table}/*`, /-warehouse-spectrum-policy$/),
    })),
    {
      rule: "warehouse-reads-published-only",
      what: "the namespace given a pipeline role that reads silver",
      expect: /the warehouse fhirlake-prod-warehouse-namespace can read silver$/,
      breakIt: (rs) => {
        const view = rs as unknown as StackResource[];
        const reader = rs.find(
          (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && closedReads(props(r).policy, view).includes("silver"),
        );
        assert.ok(reader, "no role policy reads silver");
        const ns = props(one(rs, "aws:redshiftserverless/namespace:Namespace"));
        ns.iamRoles = [...ns.iamRoles, `arn:aws:iam::123456789012:role/${props(reader).role}`];
        return rs;
      },
    },
    {
      rule: "cloudtrail-validated-data-events",
      what: "a trail without log file validation",
      expect: /trail has no log file validation/,
      breakIt: edit(TRAIL, (t) => (t.enableLogFileValidation = false)),
    },
    {
      rule: "cloudtrail-validated-data-events",
      what: "a trail recording no data events on bronze",
      expect: /records no S3 data events on the bronze bucket/,
      breakIt: edit(TRAIL, (t) => {
        for (const s of t.advancedEventSelectors)
          for (const f of s.fieldSelectors)
            if (f.startsWiths) f.startsWiths = f.startsWiths.filter((a: string) => !a.includes("-bronze"));
      }),
    },
    {
      rule: "cloudtrail-validated-data-events",
      what: "a trail recording no audit-table data events",
      expect: /records no DynamoDB data events on the audit table/,
      breakIt: edit(TRAIL, (t) => {
        t.advancedEventSelectors = t.advancedEventSelectors.filter((s: any) => s.name !== "audit-table-items");
      }),
    },
    {
      rule: "cloudtrail-validated-data-events",
      what: "no trail at all",
      expect: /the stack has no CloudTrail trail/,
      breakIt: (rs) => rs.filter((r) => r.type !== TRAIL),
    },
    {
      rule: "cloudtrail-object-lock-prod",
      what: "prod's trail bucket without Object Lock",
      expect: /trail bucket has no COMPLIANCE default retention/,
      breakIt: (rs) => rs.filter((r) => r.type !== LOCK),
    },
    {
      rule: "cloudtrail-object-lock-prod",
      what: "prod's trail bucket locked in governance mode",
      expect: /trail bucket has no COMPLIANCE default retention/,
      breakIt: edit(LOCK, (l) => (l.rule.defaultRetention.mode = "GOVERNANCE")),
    },
  ];

/** Adds an Allow of s3:GetObject on `<zone bucket>/<objects>` to a role policy, minus its Denies there. */
function grantRead(rs: PolicyInput[], zone: string, objects: string, policyName = /-analyst-policy$/): PolicyInput[] {
  const bucket = one(rs, "aws:s3/bucketPolicy:BucketPolicy", new RegExp(`-${zone}-policy$`));
  const arn = policyOf(bucket)
    .Statement.flatMap((s: any) => [s.Resource].flat())
    .find((a: string) => !a.endsWith("/*"));
  const p = one(rs, "aws:iam/rolePolicy:RolePolicy", policyName);
  const doc = policyOf(p);
  // The policy's explicit Denies of the zone would still win: a broken policy lost them too.
  doc.Statement = doc.Statement.filter(
    (s: any) => s.Effect !== "Deny" || ![s.Resource].flat().some((a: string) => a.startsWith(arn)),
  );
  doc.Statement.push({ Effect: "Allow", Action: ["s3:GetObject"], Resource: [`${arn}/${objects}`] });
  props(p).policy = JSON.stringify(doc);
  return rs;
}

describe("whole-stack rules: network, audit trail, people", () => {
  for (const c of CASES) {
    it(`${c.rule} fires on ${c.what}`, async () => {
      const violations = await runStackPolicy(RULES[c.rule], c.breakIt(await prod()));
      assert.ok(
        violations.some((v) => c.expect.test(v)),
        `expected ${c.expect} among: ${JSON.stringify(violations)}`,
      );
    });
  }

  it("every rule has a case", () => {
    for (const name of Object.keys(RULES))
      assert.ok(
        CASES.some((c) => c.rule === name),
        `no bad case for ${name}`,
      );
  });

  it("dev (network off) is not held to the network rules, and its trail bucket need not lock", async () => {
    const dev = fromMocks((await buildStack("dev")).mocks.resources);
    assert.ok(!dev.some((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint"));
    assert.ok(!dev.some((r) => r.type === LOCK));
    for (const rule of [...networkPolicies, RULES["cloudtrail-object-lock-prod"]])
      assert.deepEqual(await runStackPolicy(rule, dev), [], rule.name);
  });
});
