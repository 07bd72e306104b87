import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildStack, REPO_ROOT } from "../pulumi/stack";
import { RESOURCELESS_ACTIONS } from "../../policy/iam-checks";
import { VENV_PYTHON, resourceTypesOf } from "./iam-definition";
import { FalsePositive, Finding, WildcardException, judge } from "./judge";
import { CollectedPolicy, collectPolicies, managedPolicies } from "./policy-documents";

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8"));
const EXCEPTIONS: WildcardException[] = readJson("policy/iam-wildcard-exceptions.json").exceptions;
const FALSE_POSITIVES: FalsePositive[] = readJson("policy/parliament-false-positives.json").falsePositives;
const BAD: (CollectedPolicy & { expect: string })[] = readJson("tests/iam/fixtures/bad-policies.json").policies;

/** parliament's findings per document id, from one run of scripts/check_iam_policies.py. */
function parliament(policies: readonly CollectedPolicy[]): Record<string, Finding[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-"));
  const file = path.join(dir, "policies.json");
  fs.writeFileSync(file, JSON.stringify(policies));
  const script = path.join(REPO_ROOT, "scripts", "check_iam_policies.py");
  const out = execFileSync(VENV_PYTHON, [script, file], { maxBuffer: 64 * 1024 * 1024 }).toString();
  fs.rmSync(dir, { recursive: true });
  return JSON.parse(out);
}

describe("IAM checked offline with parliament", () => {
  const stacks = {} as Record<
    "dev" | "prod",
    { policies: CollectedPolicy[]; managed: ReturnType<typeof managedPolicies> }
  >;
  let findings: Record<string, Finding[]>;
  before(async () => {
    for (const stack of ["dev", "prod"] as const) {
      const { resources } = (await buildStack(stack)).mocks;
      const prefix = (id: string) => `${stack}:${id}`;
      stacks[stack] = {
        policies: collectPolicies(resources).map((p) => ({ ...p, id: prefix(p.id) })),
        managed: managedPolicies(resources),
      };
    }
    findings = parliament([...stacks.dev.policies, ...stacks.prod.policies, ...BAD]);
  });

  it("collects trust, inline, bucket, key, endpoint, topic and log-resource policies from the stacks", async () => {
    const types = (s: "dev" | "prod") => new Set(stacks[s].policies.map((p) => `${p.type} ${p.kind}`));
    for (const t of [
      "aws:iam/role:Role trust",
      "aws:iam/rolePolicy:RolePolicy identity",
      "aws:s3/bucketPolicy:BucketPolicy resource",
      "aws:kms/key:Key resource",
      "aws:sns/topicPolicy:TopicPolicy resource",
      "aws:cloudwatch/logResourcePolicy:LogResourcePolicy resource",
    ])
      for (const s of ["dev", "prod"] as const) assert.ok(types(s).has(t), `${s} ${t}`);
    assert.ok(types("prod").has("aws:ec2/vpcEndpoint:VpcEndpoint resource"));
    // One per bucket, key and endpoint: none is missed.
    const { resources } = await buildStack("prod").then((m) => m.mocks);
    for (const type of ["aws:s3/bucketPolicy:BucketPolicy", "aws:kms/key:Key", "aws:ec2/vpcEndpoint:VpcEndpoint"])
      assert.equal(
        stacks.prod.policies.filter((p) => p.type === type).length,
        resources.filter((r) => r.type === type).length,
        type,
      );
  });

  it("finds no parliament finding and no wildcard in dev and prod beyond the documented ones, and none unused", () => {
    const all = [...stacks.dev.policies, ...stacks.prod.policies];
    const managed = [...stacks.dev.managed, ...stacks.prod.managed];
    assert.deepEqual(judge(all, managed, findings, EXCEPTIONS, FALSE_POSITIVES), []);
  });

  it("never lets an exception excuse an unknown action, a resource mismatch or a malformed document", () => {
    for (const e of EXCEPTIONS)
      for (const f of e.findings) assert.ok(!["MALFORMED", "UNKNOWN_ACTION", "RESOURCE_MISMATCH"].includes(f), f);
    for (const e of EXCEPTIONS) assert.ok(e.reason.length > 40, `${e.resource} has no reason`);
  });

  it("grants on Resource * only actions that AWS offers no resource-level permissions for", () => {
    for (const a of RESOURCELESS_ACTIONS) assert.deepEqual(resourceTypesOf(a), [], a);
  });

  for (const bad of BAD) {
    it(`flags the bad fixture ${bad.id}: ${bad.expect}`, () => {
      const problems = judge(BAD, [], findings, EXCEPTIONS, FALSE_POSITIVES).filter((p) => p.startsWith(bad.id));
      assert.ok(
        problems.some((p) => p.includes(bad.expect)),
        problems.join("\n") || "no problem",
      );
    });
  }

  it("flags an AWS managed policy attached without an exception, and an exception no document uses", () => {
    const managed = [
      {
        resource: "x-admin",
        type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        arn: "arn:aws:iam::aws:policy/PowerUserAccess",
      },
    ];
    assert.deepEqual(judge([], managed, {}, EXCEPTIONS, []), [
      "x-admin: wildcard arn:aws:iam::aws:policy/PowerUserAccess is not a documented exception",
      ...EXCEPTIONS.map((e) => `exception ${e.type} ${e.resource} is used by no document`),
    ]);
  });

  it("refuses a policy document in an input the collector does not know", () => {
    const doc = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
    const stray = { type: "aws:x/y:Z", name: "z", inputs: { nested: [{ policy: doc }] }, custom: true, state: {} };
    assert.throws(() => collectPolicies([stray]), /aws:x\/y:Z z has uncollected policy documents: nested\[0\]\.policy/);
  });
});
