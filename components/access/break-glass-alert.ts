/**
 * EventBridge pattern: a CloudTrail-recorded STS call assuming the break-glass role, as an IAM role (AssumeRole) or
 * as the role Identity Center creates for its permission set (AssumeRoleWithSAML; matched by wildcard).
 */
export function breakGlassAssumedPattern(roleArnPattern: string): string {
  const roleArn = roleArnPattern.includes("*") ? [{ wildcard: roleArnPattern }] : [roleArnPattern];
  return JSON.stringify({
    source: ["aws.sts"],
    "detail-type": ["AWS API Call via CloudTrail"],
    detail: {
      eventSource: ["sts.amazonaws.com"],
      eventName: ["AssumeRole", "AssumeRoleWithSAML"],
      requestParameters: { roleArn },
    },
  });
}

/**
 * The alert text: who assumed the role, when, where. Only the caller's identity and the event's metadata: no request
 * or response payloads, so nothing of the lake's data can appear in it.
 */
export function breakGlassAlertTransformer(stackName: string): {
  inputPaths: Record<string, string>;
  inputTemplate: string;
} {
  return {
    inputPaths: { who: "$.detail.userIdentity.arn", time: "$.time", region: "$.region", event: "$.id" },
    inputTemplate:
      `"[${stackName}] The break-glass role was assumed by <who> at <time> (region <region>, event <event>). ` +
      `Every use must have an incident ticket; see CloudTrail for what the session did."`,
  };
}
