import { strict as assert } from "assert";
import { ITEM_READ_ACTIONS, OBJECT_READ_ACTIONS, githubSubject } from "../../../components/deploy/deploy-policies";
import { DEPLOY_UNREADABLE_ZONES } from "../../../components/platform/access-layer";
import { allowsAction } from "../../../policy/object-read";
import { actionsOn } from "../../iam/iam-definition";
import { MOCK_ACCOUNT, RecordingMocks } from "../mocks";
import { buildStack } from "../stack";

const ROLE = "aws:iam/role:Role";

describe("the GitHub Actions deploy role", () => {
  let dev: RecordingMocks;
  let prod: RecordingMocks;
  before(async () => {
    dev = (await buildStack("dev")).mocks;
    prod = (await buildStack("prod")).mocks;
  });

  it("names a branch's runs, or an environment's runs when one is configured", () => {
    assert.equal(
      githubSubject({ repository: "o/r", branch: "main", environment: null }),
      "repo:o/r:ref:refs/heads/main",
    );
    assert.equal(
      githubSubject({ repository: "o/r", branch: "main", environment: "prod" }),
      "repo:o/r:environment:prod",
    );
  });

  it("dev trusts main of the repository, prod only its approval-gated prod environment, through GitHub's OIDC", () => {
    const provider = dev.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "-deploy-github-oidc");
    assert.deepEqual(
      [provider.inputs.url, provider.inputs.clientIdLists],
      ["https://token.actions.githubusercontent.com", ["sts.amazonaws.com"]],
    );
    for (const [m, sub] of [
      [dev, "repo:example-org/fhir-lakehouse:ref:refs/heads/main"],
      [prod, "repo:example-org/fhir-lakehouse:environment:prod"],
    ] as const) {
      const role = m.one(ROLE, "-deploy-role").inputs;
      const trust = JSON.parse(role.assumeRolePolicy).Statement[0];
      assert.deepEqual(trust.Condition.StringEquals, {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": [sub],
      });
      assert.equal(
        trust.Principal.Federated,
        m.one("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "").state.arn,
      );
      assert.equal(role.maxSessionDuration, 3600);
    }
  });

  it("trusts the repository's pull requests with the read-only preview role only", () => {
    for (const m of [dev, prod]) {
      const trust = JSON.parse(m.one(ROLE, "-deploy-preview-role").inputs.assumeRolePolicy).Statement[0];
      assert.deepEqual(trust.Condition.StringEquals["token.actions.githubusercontent.com:sub"], [
        "repo:example-org/fhir-lakehouse:pull_request",
      ]);
      const deployTrust = m.one(ROLE, "-deploy-role").inputs.assumeRolePolicy;
      assert.ok(!deployTrust.includes("pull_request"));
    }
  });

  it("is named as the bucket policies exempt it, and may not change its own policies or trust", () => {
    const role = prod.one(ROLE, "-deploy-role");
    assert.equal(role.state.arn, `arn:aws:iam::${MOCK_ACCOUNT}:role/fhirlake-prod-deploy`);
    const guard = JSON.parse(prod.one("aws:iam/rolePolicy:RolePolicy", "-deploy-guardrails").inputs.policy);
    const self = guard.Statement.find((s: { Sid: string }) => s.Sid === "CannotWidenItself");
    assert.deepEqual(self.Resource, [role.state.arn]);
  });

  it("denies every S3 object read AWS defines (parliament's IAM data) and every item read of the audit table", () => {
    assert.deepEqual([...OBJECT_READ_ACTIONS], actionsOn("s3", "Read", ["object"]));
    const itemReads = actionsOn("dynamodb", "Read", ["table", "stream"]).filter(
      (a) => !/^dynamodb:(Describe|List|GetResourcePolicy)/.test(a),
    );
    assert.ok(itemReads.length >= 8, itemReads.join());
    for (const a of itemReads) assert.ok((ITEM_READ_ACTIONS as readonly string[]).includes(a), a);
  });

  const CI_ROLES = [
    ["deploy", "AdministratorAccess", "administrator"],
    ["deploy-preview", "ReadOnlyAccess", "readonly"],
  ] as const;
  for (const stack of ["dev", "prod"] as const)
    for (const [role, managed, attachment] of CI_ROLES) {
      it(`in ${stack}, ${managed} less the guardrails of ${role} reads no lake object and no audit item`, () => {
        const m = stack === "dev" ? dev : prod;
        const attached = m.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `-${role}-${attachment}`);
        assert.equal(attached.inputs.policyArn, `arn:aws:iam::aws:policy/${managed}`);
        const guard = JSON.parse(m.one("aws:iam/rolePolicy:RolePolicy", `-${role}-guardrails`).inputs.policy);
        const effective = { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }, ...guard.Statement] };
        for (const zone of DEPLOY_UNREADABLE_ZONES) {
          const bucket = m.one("aws:s3/bucket:Bucket", `fhirlake-${stack}-${zone}`).state.arn;
          for (const action of actionsOn("s3", "Read", ["object"]))
            assert.equal(allowsAction(effective, action, `${bucket}/fhir/a.json`), false, `${action} ${zone}`);
          // It still deploys: writing objects and reading bucket settings stay allowed.
          assert.equal(allowsAction(effective, "s3:GetBucketPolicy", String(bucket)), true, zone);
        }
        const table = m.one("aws:dynamodb/table:Table", "").state.arn as string;
        for (const action of ITEM_READ_ACTIONS)
          for (const arn of [table, `${table}/index/by-run`, `${table}/stream/2026-01-01T00:00:00.000`])
            assert.equal(allowsAction(effective, action, arn), false, `${action} ${arn}`);
        assert.equal(allowsAction(effective, "dynamodb:DescribeTable", table), true);
        const scripts = m.one("aws:s3/bucket:Bucket", `fhirlake-${stack}-scripts`).state.arn;
        assert.equal(allowsAction(effective, "s3:GetObject", `${scripts}/jobs/bronze.py`), true);
      });
    }
});
