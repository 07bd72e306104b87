import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { glueAlertTransformer, glueJobAlertPattern } from "../shared/alert-events";
import { glueJobName, JOB_DIMENSION, METRICS_NAMESPACE, QUARANTINE_METRIC, resourceName } from "../shared/names";
import { alertTopicPolicy } from "./topic-policy";
import { FreshnessAlarm } from "./freshness-alarm";

/** Arguments of the pipeline's alerting. */
export interface PipelineAlertsArgs {
  readonly prefix: string;
  /** This stack's Glue job names (only these are matched). */
  readonly jobNames: readonly string[];
  /** The last job: its success is "a successful run" for the freshness alarm. */
  readonly finalJobName: string;
  /** Email subscribers (each confirms by email). */
  readonly emails: readonly string[];
  /** Alarm when no run succeeded for this many hours (1..168). */
  readonly freshnessHours: number;
  /** The ingest Lambda, alarmed on errors. */
  readonly ingestFunctionName: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  /** ARNs of other EventBridge rules of this stack that may publish (the break-glass alert). Default none. */
  readonly extraRuleArns?: pulumi.Input<string[]>;
}

/** SNS topic (KMS) with email subscribers; alerts on job failures, staleness, quarantined records and ingest errors. */
export class PipelineAlerts extends pulumi.ComponentResource {
  public readonly topicArn: pulumi.Output<string>;

  constructor(name: string, args: PipelineAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:alerting:PipelineAlerts", name, args, opts);
    const child = { parent: this };
    const topic = new aws.sns.Topic(
      `${name}-topic`,
      { name: resourceName(args.prefix, "alerts"), kmsMasterKeyId: args.kmsKeyArn },
      child,
    );
    args.emails.forEach(
      (email, i) =>
        new aws.sns.TopicSubscription(
          `${name}-email-${i}`,
          { topic: topic.arn, protocol: "email", endpoint: email },
          child,
        ),
    );
    const rule = new aws.cloudwatch.EventRule(
      `${name}-job-failed`,
      {
        description: "Glue job of this stack failed, timed out, stopped or errored",
        eventPattern: glueJobAlertPattern(args.jobNames),
      },
      child,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-job-failed-target`,
      { rule: rule.name, arn: topic.arn, inputTransformer: glueAlertTransformer(args.prefix) },
      child,
    );
    const freshness = new FreshnessAlarm(
      `${name}-freshness`,
      {
        prefix: args.prefix,
        finalJobName: args.finalJobName,
        hours: args.freshnessHours,
        topicArn: topic.arn,
        kmsKeyArn: args.kmsKeyArn,
      },
      child,
    );
    const quarantine = this.anyCountAlarm(`${name}-quarantine`, topic.arn, {
      alarmDescription:
        `${args.prefix}: the bronze job quarantined records (unparseable ` +
        `files or invalid resources); see the quarantine table`,
      namespace: METRICS_NAMESPACE,
      metricName: QUARANTINE_METRIC,
      dimensions: { [JOB_DIMENSION]: glueJobName(args.prefix, "bronze") },
      statistic: "Maximum",
    });
    const ingestErrors = this.anyCountAlarm(`${name}-ingest-errors`, topic.arn, {
      alarmDescription:
        `${args.prefix}: the ingest trigger Lambda failed; new raw ` +
        `files may wait for the next run (start the workflow by hand)`,
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: args.ingestFunctionName },
      statistic: "Sum",
    });
    new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      {
        arn: topic.arn,
        policy: pulumi
          .all([topic.arn, rule.arn, args.extraRuleArns ?? [], freshness.alarmArn, quarantine.arn, ingestErrors.arn])
          .apply(([t, r, extra, ...alarms]) => JSON.stringify(alertTopicPolicy(t, [r, ...extra], alarms))),
      },
      child,
    );
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }

  /** An alarm when a count metric is above 0 in a 5-minute period; no data means nothing happened. */
  private anyCountAlarm(
    name: string,
    topicArn: pulumi.Output<string>,
    metric: Pick<
      aws.cloudwatch.MetricAlarmArgs,
      "alarmDescription" | "namespace" | "metricName" | "dimensions" | "statistic"
    >,
  ): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
      name,
      {
        ...metric,
        period: 300,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [topicArn],
      },
      { parent: this },
    );
  }
}
