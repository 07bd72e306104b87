import { PolicyDocument, policyDocument } from "../shared/policy-document";

/** The alert topic's policy: only the stack's EventBridge rules and CloudWatch alarms may publish, each by ARN. */
export function alertTopicPolicy(
  topicArn: string,
  ruleArns: readonly string[],
  alarmArns: readonly string[],
): PolicyDocument {
  return policyDocument([
    {
      Sid: "StackRulesPublish",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: ["sns:Publish"],
      Resource: ruleArns.length > 0 ? [topicArn] : [],
      Condition: { ArnEquals: { "aws:SourceArn": [...ruleArns] } },
    },
    {
      Sid: "StackAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["sns:Publish"],
      Resource: alarmArns.length > 0 ? [topicArn] : [],
      Condition: { ArnEquals: { "aws:SourceArn": [...alarmArns] } },
    },
  ]);
}

/** Lets EventBridge write the matched events of the given rules into one log group (the freshness metric's source). */
export function eventsToLogsPolicy(logGroupArn: string, ruleArns: readonly string[]): PolicyDocument {
  return policyDocument([
    {
      Sid: "EventBridgeWritesRunEvents",
      Effect: "Allow",
      Principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] },
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [`${logGroupArn}:*`],
      Condition: { ArnEquals: { "aws:SourceArn": [...ruleArns] } },
    },
  ]);
}
