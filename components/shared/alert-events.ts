/** The Glue job states that page on-call. */
export const ALERT_STATES = ["FAILED", "TIMEOUT", "STOPPED", "ERROR"] as const;

/** EventBridge pattern: this stack's Glue jobs (by exact name) entering an alert state. */
export function glueJobAlertPattern(jobNames: readonly string[]): string {
  if (jobNames.length === 0) throw new Error("glueJobAlertPattern needs at least one job name");
  return JSON.stringify({
    source: ["aws.glue"],
    "detail-type": ["Glue Job State Change"],
    detail: { jobName: [...jobNames], state: [...ALERT_STATES] },
  });
}

/** EventBridge pattern: this stack's Glue jobs finishing (any terminal state), used to re-check pending ingest. */
export function glueJobFinishedPattern(jobNames: readonly string[]): string {
  return JSON.stringify({
    source: ["aws.glue"],
    "detail-type": ["Glue Job State Change"],
    detail: { jobName: [...jobNames], state: ["SUCCEEDED", ...ALERT_STATES] },
  });
}

/**
 * Input transformer giving a readable alert from job metadata only (name, state, run id, time, region):
 * the event's free-text `message` is left out because a Spark error can quote record content (PHI).
 */
export function glueAlertTransformer(stackName: string): { inputPaths: Record<string, string>; inputTemplate: string } {
  return {
    inputPaths: {
      job: "$.detail.jobName",
      state: "$.detail.state",
      run: "$.detail.jobRunId",
      time: "$.time",
      region: "$.region",
    },
    inputTemplate:
      `"[${stackName}] Glue job <job> is <state> (run <run>, at <time>). ` +
      `See the run in the AWS Glue console (region <region>); error details are in its CloudWatch logs."`,
  };
}
