import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { glueJobFinishedPattern } from "../shared/alert-events";
import { bundleLambda } from "./lambda-bundle";
import { resourceName } from "../shared/names";
import { assumeRolePolicy } from "../shared/policy-document";
import { ingestLambdaPolicy } from "./ingest-lambda-policy";
import { VpcPlacement } from "../network/vpc-access-policy";

/** Arguments of the ingest trigger. */
export interface IngestTriggerArgs {
  readonly prefix: string;
  readonly account: AccountContext;
  /** Raw bucket name and ARN; objects created under rawPrefix invoke the Lambda. */
  readonly rawBucketName: pulumi.Input<string>;
  readonly rawBucketArn: pulumi.Input<string>;
  /** Key prefix ending in '/' (config ingest.rawPrefix). */
  readonly rawPrefix: string;
  readonly workflowName: pulumi.Input<string>;
  /** The stack's Glue job names: any of them finishing re-checks pending files. */
  readonly jobNames: readonly string[];
  /** AWS cron expression of a scheduled run (config glue.schedule); null for none. */
  readonly schedule: string | null;
  /** Safety-net re-check interval, an EventBridge rate expression. Default "rate(30 minutes)". */
  readonly recheckRate?: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Log retention days. Default 90. */
  readonly logRetentionDays?: number;
  /** The lake's private subnets and security group. Default none: Lambda's own network. */
  readonly vpc?: pulumi.Input<VpcPlacement>;
}

/**
 * The Lambda that starts the medallion workflow: on raw objects, on the optional schedule, and on re-checks
 * (a job finished; every 30 minutes) that turn pending markers into runs. See lambda/ingest-decision.ts.
 */
export class IngestTrigger extends pulumi.ComponentResource {
  public readonly functionName: pulumi.Output<string>;
  public readonly functionArn: pulumi.Output<string>;

  constructor(name: string, args: IngestTriggerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:ingest:IngestTrigger", name, args, opts);
    const child = { parent: this };
    const functionName = resourceName(args.prefix, "ingest-trigger");
    const logs = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/lambda/${functionName}`, retentionInDays: args.logRetentionDays ?? 90, kmsKeyId: args.kmsKeyArn },
      child,
    );
    const { accountId, region, partition } = args.account;
    const role = new aws.iam.Role(
      `${name}-role`,
      { assumeRolePolicy: accountId.apply((a) => JSON.stringify(assumeRolePolicy("lambda.amazonaws.com", a))) },
      child,
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.name,
        policy: pulumi
          .all([accountId, region, partition, args.workflowName, logs.arn, args.kmsKeyArn, args.vpc])
          .apply(([a, r, p, w, l, k, vpc]) =>
            JSON.stringify(ingestLambdaPolicy({ accountId: a, region: r, partition: p }, w, l, k, vpc)),
          ),
      },
      child,
    );
    const fn = new aws.lambda.Function(
      `${name}-function`,
      {
        name: functionName,
        runtime: "nodejs20.x",
        handler: "index.handler",
        role: role.arn,
        code: new pulumi.asset.AssetArchive({
          "index.js": new pulumi.asset.StringAsset(
            bundleLambda(path.join(__dirname, "..", "..", "lambda", "ingest-trigger.ts")),
          ),
        }),
        memorySize: args.memoryMb,
        timeout: args.timeoutSeconds,
        environment: { variables: { WORKFLOW_NAME: args.workflowName, RAW_PREFIX: args.rawPrefix } },
        kmsKeyArn: args.kmsKeyArn,
        loggingConfig: { logFormat: "Text", logGroup: logs.name },
        vpcConfig:
          args.vpc === undefined
            ? undefined
            : pulumi.output(args.vpc).apply((v) => ({
                subnetIds: [...v.subnetIds],
                securityGroupIds: [v.securityGroupId],
              })),
      },
      { parent: this, dependsOn: [policy, logs] },
    );
    const s3Permission = new aws.lambda.Permission(
      `${name}-s3-invoke`,
      {
        function: fn.name,
        action: "lambda:InvokeFunction",
        principal: "s3.amazonaws.com",
        sourceArn: args.rawBucketArn,
        sourceAccount: accountId,
      },
      child,
    );
    new aws.s3.BucketNotification(
      `${name}-raw-notification`,
      {
        bucket: args.rawBucketName,
        lambdaFunctions: [{ lambdaFunctionArn: fn.arn, events: ["s3:ObjectCreated:*"], filterPrefix: args.rawPrefix }],
      },
      { parent: this, dependsOn: [s3Permission] },
    );
    this.rule(name, "job-finished", { eventPattern: glueJobFinishedPattern(args.jobNames) }, undefined, fn);
    this.rule(
      name,
      "recheck",
      { scheduleExpression: args.recheckRate ?? "rate(30 minutes)" },
      { action: "recheck" },
      fn,
    );
    if (args.schedule !== null)
      this.rule(name, "schedule", { scheduleExpression: args.schedule }, { action: "scheduled-run" }, fn);
    this.functionName = fn.name;
    this.functionArn = fn.arn;
    this.registerOutputs({ functionName: this.functionName, functionArn: this.functionArn });
  }

  /** An EventBridge rule invoking the function, with an optional constant input telling it why. */
  private rule(
    name: string,
    role: string,
    match: { eventPattern?: string; scheduleExpression?: string },
    input: object | undefined,
    fn: aws.lambda.Function,
  ): void {
    const rule = new aws.cloudwatch.EventRule(
      `${name}-${role}`,
      { description: `ingest trigger: ${role}`, ...match },
      { parent: this },
    );
    new aws.cloudwatch.EventTarget(
      `${name}-${role}-target`,
      { rule: rule.name, arn: fn.arn, input: input === undefined ? undefined : JSON.stringify(input) },
      { parent: this },
    );
    new aws.lambda.Permission(
      `${name}-${role}-invoke`,
      { function: fn.name, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", sourceArn: rule.arn },
      { parent: this },
    );
  }
}
