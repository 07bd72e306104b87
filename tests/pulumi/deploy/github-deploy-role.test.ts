import { strict as assert } from "assert";
import { githubSubject } from "../../../components/deploy/deploy-policies";
import { allowsObjectRead } from "../../../policy/object-read";
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

  it("is named as the bucket policies exempt it; guardrails deny lake objects and changing itself", () => {
    const role = prod.one(ROLE, "-deploy-role");
    assert.equal(role.state.arn, `arn:aws:iam::${MOCK_ACCOUNT}:role/fhirlake-prod-deploy`);
    const guard = JSON.parse(prod.one("aws:iam/rolePolicy:RolePolicy", "-deploy-guardrails").inputs.policy);
    const wideOpen = { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }, ...guard.Statement] };
    for (const zone of ["raw", "bronze", "silver", "gold", "quarantine"]) {
      const bucket = prod.one("aws:s3/bucket:Bucket", `fhirlake-prod-${zone}`).state.arn;
      assert.equal(allowsObjectRead(wideOpen, `${bucket}/any`), false, zone);
    }
    const self = guard.Statement.find((s: { Sid: string }) => s.Sid === "CannotWidenItself");
    assert.deepEqual(self.Resource, [role.state.arn]);
  });
});
