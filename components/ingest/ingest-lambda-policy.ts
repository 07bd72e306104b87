import { AccountScope } from "../shared/account";
import { PolicyDocument, policyDocument } from "../shared/policy-document";
import { VpcPlacement, vpcAccessStatements } from "../network/vpc-access-policy";

/**
 * The ingest Lambda: start and inspect one workflow's runs, write its own log group, decrypt its environment, and
 * (in the private network) place its interfaces in the lake's subnets.
 */
export function ingestLambdaPolicy(
  scope: AccountScope,
  workflowName: string,
  logGroupArn: string,
  kmsKeyArn: string,
  vpc?: VpcPlacement,
): PolicyDocument {
  const workflow = `arn:${scope.partition}:glue:${scope.region}:${scope.accountId}:workflow/${workflowName}`;
  return policyDocument([
    {
      Sid: "RunWorkflow",
      Effect: "Allow",
      Action: [
        "glue:GetWorkflowRunProperties",
        "glue:GetWorkflowRuns",
        "glue:PutWorkflowRunProperties",
        "glue:StartWorkflowRun",
      ],
      Resource: [workflow],
    },
    {
      Sid: "WriteLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [`${logGroupArn}:*`],
    },
    { Sid: "DecryptEnvironment", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [kmsKeyArn] },
    ...(vpc === undefined ? [] : vpcAccessStatements(scope, vpc)),
  ]);
}
