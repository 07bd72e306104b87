import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { JOB_DIMENSION, METRICS_NAMESPACE } from "../shared/names";
import { eventsToLogsPolicy } from "./topic-policy";

/** Metric counting successful pipeline runs (final job SUCCEEDED), fed from EventBridge through a log metric filter. */
export const SUCCESS_METRIC = "PipelineSucceeded";

/** Arguments of the freshness alarm. */
export interface FreshnessAlarmArgs {
  readonly prefix: string;
  /** The job whose success ends a run. */
  readonly finalJobName: string;
  /** Hours without a success before alarming, 1..168 (CloudWatch evaluates at most 7 days of hourly periods). */
  readonly hours: number;
  readonly topicArn: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Retention of the run-event log. Default 30 days. */
  readonly retentionDays?: number;
}

/**
 * "No successful run in N hours": EventBridge writes the final job's SUCCEEDED events to a log group, a metric
 * filter counts them, and an alarm fires when N hourly periods in a row have none (missing data is breaching).
 */
export class FreshnessAlarm extends pulumi.ComponentResource {
  public readonly alarmArn: pulumi.Output<string>;

  constructor(name: string, args: FreshnessAlarmArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:alerting:FreshnessAlarm", name, args, opts);
    if (!Number.isInteger(args.hours) || args.hours < 1 || args.hours > 168)
      throw new Error(`FreshnessAlarm: hours must be an integer 1..168, got ${args.hours}`);
    const child = { parent: this };
    const logs = new aws.cloudwatch.LogGroup(
      `${name}-events`,
      {
        name: `/aws/events/${args.prefix}-pipeline-succeeded`,
        retentionInDays: args.retentionDays ?? 30,
        kmsKeyId: args.kmsKeyArn,
      },
      child,
    );
    const rule = new aws.cloudwatch.EventRule(
      `${name}-rule`,
      {
        description: "the pipeline's final Glue job succeeded",
        eventPattern: JSON.stringify({
          source: ["aws.glue"],
          "detail-type": ["Glue Job State Change"],
          detail: { jobName: [args.finalJobName], state: ["SUCCEEDED"] },
        }),
      },
      child,
    );
    new aws.cloudwatch.LogResourcePolicy(
      `${name}-logs-policy`,
      {
        policyName: `${args.prefix}-pipeline-events`,
        policyDocument: pulumi.all([logs.arn, rule.arn]).apply(([l, r]) => JSON.stringify(eventsToLogsPolicy(l, [r]))),
      },
      child,
    );
    new aws.cloudwatch.EventTarget(`${name}-target`, { rule: rule.name, arn: logs.arn }, child);
    new aws.cloudwatch.LogMetricFilter(
      `${name}-filter`,
      {
        logGroupName: logs.name,
        pattern: '{ $.detail.state = "SUCCEEDED" }',
        metricTransformation: {
          namespace: METRICS_NAMESPACE,
          name: SUCCESS_METRIC,
          value: "1",
          dimensions: { [JOB_DIMENSION]: "$.detail.jobName" },
        },
      },
      child,
    );
    const alarm = new aws.cloudwatch.MetricAlarm(
      `${name}-alarm`,
      {
        alarmDescription:
          `${args.prefix}: no successful pipeline run ` + `(${args.finalJobName} SUCCEEDED) in ${args.hours} hours`,
        namespace: METRICS_NAMESPACE,
        metricName: SUCCESS_METRIC,
        dimensions: { [JOB_DIMENSION]: args.finalJobName },
        statistic: "Sum",
        period: 3600,
        evaluationPeriods: args.hours,
        datapointsToAlarm: args.hours,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
        alarmActions: [args.topicArn],
      },
      child,
    );
    this.alarmArn = alarm.arn;
    this.registerOutputs({ alarmArn: this.alarmArn });
  }
}
