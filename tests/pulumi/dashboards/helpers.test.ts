import { strict as assert } from "assert";
import { quicksightAthenaPolicy } from "../../../components/dashboards/quicksight-athena-policy";
import { quicksightColumnType, quicksightPrincipalArn } from "../../../components/dashboards/quicksight";
import { identityPolicyProblems } from "../../../policy/iam-checks";

const scope = { partition: "aws", region: "eu-west-1", accountId: "111122223333" };
const account = "111122223333";

describe("QuickSight helpers", () => {
  it("the QuickSight Athena policy passes the least-privilege check", () => {
    const qs = quicksightAthenaPolicy({
      scope,
      workgroupName: "wg",
      goldBucketArn: "arn:aws:s3:::gold",
      resultsBucketArn: "arn:aws:s3:::res",
      goldDatabase: "lake_gold",
      kmsKeyArn: "arn:k",
    });
    assert.deepEqual(identityPolicyProblems(qs), []);
  });

  it("builds QuickSight principal ARNs from the caller's account and rejects malformed principals", () => {
    const arn = quicksightPrincipalArn("group/default/analysts", account, "eu-west-1");
    assert.equal(arn, "arn:aws:quicksight:eu-west-1:111122223333:group/default/analysts");
    assert.throws(() => quicksightPrincipalArn("analysts", account, "eu-west-1"), /quicksightPrincipals: 'analysts'/);
    const types = ["bigint", "double", "timestamp(3)", "varchar", "boolean"].map(quicksightColumnType);
    assert.deepEqual(types, ["INTEGER", "DECIMAL", "DATETIME", "STRING", "BOOLEAN"]);
  });
});
