import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PeopleAccess } from "../../../components/access/people-access";
import { MOCK_ACCOUNT, RecordingMocks, settle, useMocks } from "../mocks";
import { buildStack } from "../stack";

describe("people's roles in the stacks", () => {
  let prod: RecordingMocks;
  before(async () => {
    prod = (await buildStack("prod")).mocks;
  });

  it("without Identity Center: analyst, engineer and break-glass IAM roles, MFA only, break-glass for 1 hour", () => {
    const roles = prod.ofType("aws:iam/role:Role").filter((r) => /-people-/.test(r.name));
    const byName = Object.fromEntries(roles.map((r) => [r.inputs.name, r.inputs]));
    assert.deepEqual(Object.keys(byName).sort(), [
      "fhirlake-prod-analyst",
      "fhirlake-prod-break-glass",
      "fhirlake-prod-engineer",
    ]);
    assert.equal(byName["fhirlake-prod-break-glass"].maxSessionDuration, 3600);
    assert.equal(byName["fhirlake-prod-analyst"].maxSessionDuration, 8 * 3600);
    for (const r of roles)
      assert.deepEqual(JSON.parse(r.inputs.assumeRolePolicy).Statement[0].Condition, {
        Bool: { "aws:MultiFactorAuthPresent": "true" },
      });
  });

  it("every break-glass AssumeRole goes to the alert topic, which lets that rule publish", () => {
    const rule = prod.one("aws:cloudwatch/eventRule:EventRule", "-people-break-glass-used");
    const pattern = JSON.parse(rule.inputs.eventPattern);
    assert.deepEqual(pattern.detail.requestParameters.roleArn, [
      `arn:aws:iam::${MOCK_ACCOUNT}:role/fhirlake-prod-break-glass`,
    ]);
    const target = prod.one("aws:cloudwatch/eventTarget:EventTarget", "-people-break-glass-used-target").inputs;
    assert.match(target.arn, /:fhirlake-prod-alerts$/);
    assert.deepEqual(Object.values(target.inputTransformer.inputPaths).sort(), [
      "$.detail.userIdentity.arn",
      "$.id",
      "$.region",
      "$.time",
    ]);
    const topicPolicy = JSON.parse(prod.one("aws:sns/topicPolicy:TopicPolicy", "-alerts-topic-policy").inputs.policy);
    assert.ok(topicPolicy.Statement[0].Condition.ArnEquals["aws:SourceArn"].includes(rule.state.arn));
  });

  it("with an Identity Center instance: permission sets with inline policies, break-glass for 1 hour", async () => {
    const mocks = await useMocks("prod");
    const account = {
      accountId: pulumi.output(MOCK_ACCOUNT),
      region: pulumi.output("us-east-1"),
      partition: pulumi.output("aws"),
    };
    const instance = "arn:aws:sso:::instance/ssoins-0123456789abcdef";
    new PeopleAccess("p", {
      prefix: "lake",
      account,
      resources: {
        workgroupName: "wg",
        buckets: { raw: "r", bronze: "b", silver: "s", gold: "g", quarantine: "q", "athena-results": "a" },
        databases: { bronze: "b", silver: "s", gold: "g" },
        publishedGoldTables: ["kpi_monthly"],
        viewNames: [],
        jobNames: ["j"],
        workflowName: "w",
        ingestFunctionName: "f",
        auditTableArn: "t",
        kmsKeyArn: "k",
      },
      identityCenterInstanceArn: instance,
      breakGlassSessionHours: 1,
      alertTopicArn: "topic",
    });
    await settle(mocks);
    const sets = mocks.ofType("aws:ssoadmin/permissionSet:PermissionSet");
    assert.deepEqual(sets.map((s) => [s.inputs.name, s.inputs.sessionDuration]).sort(), [
      ["lake-analyst", "PT8H"],
      ["lake-break-glass", "PT1H"],
      ["lake-engineer", "PT8H"],
    ]);
    assert.equal(mocks.ofType("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy").length, 3);
    assert.equal(mocks.ofType("aws:iam/role:Role").length, 0);
    const rule = mocks.one("aws:cloudwatch/eventRule:EventRule", "-break-glass-used");
    assert.deepEqual(JSON.parse(rule.inputs.eventPattern).detail.requestParameters.roleArn, [
      {
        wildcard: `arn:aws:iam::${MOCK_ACCOUNT}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_lake-break-glass_*`,
      },
    ]);
  });
});
