import { strict as assert } from "assert";
import { ingestLambdaPolicy } from "../../../components/ingest/ingest-lambda-policy";
import { identityPolicyProblems } from "../../../policy/iam-checks";

const scope = { partition: "aws", region: "eu-west-1", accountId: "111122223333" };

describe("ingest Lambda policy", () => {
  it("passes the least-privilege check", () => {
    const logGroup = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/f";
    assert.deepEqual(identityPolicyProblems(ingestLambdaPolicy(scope, "wf", logGroup, "arn:k")), []);
  });
});
