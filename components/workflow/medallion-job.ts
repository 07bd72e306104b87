import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { GlueJobGrants, glueJobPolicy } from "./glue-job-policy";
import { assumeRolePolicy } from "../shared/policy-document";

/** Sizing of a Glue job, from config glue. */
export interface JobSizing {
  readonly workerType: string;
  readonly numberOfWorkers: number;
  readonly timeoutMinutes: number;
  readonly maxRetries: number;
}

/** Arguments of one medallion Glue job. */
export interface MedallionJobArgs {
  /** Physical job name (the alert rules match it exactly). */
  readonly jobName: string;
  readonly account: AccountContext;
  /** s3:// URI of the entrypoint script. */
  readonly scriptLocation: pulumi.Input<string>;
  /** All --arguments of the job (common and job-specific). */
  readonly defaultArguments: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** What the job's role may touch, minus the account fields (filled from `account`). */
  readonly grants: pulumi.Input<Omit<GlueJobGrants, "partition" | "region" | "accountId">>;
  readonly securityConfiguration: pulumi.Input<string>;
  readonly sizing: JobSizing;
  /** Glue connections the job runs through (the lake's NETWORK connection). Default none: Glue's own network. */
  readonly connections?: pulumi.Input<pulumi.Input<string>[]>;
}

/** One Glue 5.0 Spark job with its own least-privilege role. */
export class MedallionJob extends pulumi.ComponentResource {
  public readonly jobName: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: MedallionJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:workflow:MedallionJob", name, args, opts);
    const { accountId, region, partition } = args.account;
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `Glue job ${args.jobName}`,
        assumeRolePolicy: accountId.apply((a) => JSON.stringify(assumeRolePolicy("glue.amazonaws.com", a))),
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.name,
        policy: pulumi.all([accountId, region, partition, pulumi.output(args.grants)]).apply(([a, r, p, g]) =>
          JSON.stringify(
            glueJobPolicy({
              ...(g as Omit<GlueJobGrants, "partition" | "region" | "accountId">),
              accountId: a,
              region: r,
              partition: p,
            }),
          ),
        ),
      },
      { parent: this },
    );
    const job = new aws.glue.Job(
      `${name}-job`,
      {
        name: args.jobName,
        roleArn: role.arn,
        glueVersion: "5.0",
        command: { name: "glueetl", scriptLocation: args.scriptLocation, pythonVersion: "3" },
        workerType: args.sizing.workerType,
        numberOfWorkers: args.sizing.numberOfWorkers,
        timeout: args.sizing.timeoutMinutes,
        maxRetries: args.sizing.maxRetries,
        executionProperty: { maxConcurrentRuns: 1 },
        securityConfiguration: args.securityConfiguration,
        defaultArguments: args.defaultArguments,
        connections: args.connections,
      },
      { parent: this },
    );
    this.jobName = job.name;
    this.roleArn = role.arn;
    this.registerOutputs({ jobName: this.jobName, roleArn: this.roleArn });
  }
}
