import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { JobLocations, commonJobArguments, jobArguments } from "./glue-arguments";
import { jobScriptPath, packageFiles } from "./job-assets";
import { JOBS, JobName, glueJobName, medallionWorkflowName, resourceName, s3Uri } from "../shared/names";
import { JobSizing, MedallionJob } from "./medallion-job";
import { VpcPlacement } from "../network/vpc-access-policy";

/** Bucket names and ARNs the jobs use. */
export interface WorkflowBuckets {
  readonly names: Readonly<
    Record<"raw" | "bronze" | "silver" | "gold" | "quarantine" | "scripts", pulumi.Input<string>>
  >;
  readonly arns: Readonly<
    Record<"raw" | "bronze" | "silver" | "gold" | "quarantine" | "scripts", pulumi.Input<string>>
  >;
}

/** Arguments of the medallion workflow. */
export interface MedallionWorkflowArgs {
  readonly prefix: string;
  readonly account: AccountContext;
  /** Folder holding glue-jobs/ (the repository root). */
  readonly sourceRoot: string;
  readonly buckets: WorkflowBuckets;
  /** Raw key prefix the bronze job reads (config ingest.rawPrefix). */
  readonly rawPrefix: string;
  readonly auditTableName: pulumi.Input<string>;
  readonly auditTableArn: pulumi.Input<string>;
  readonly auditTtlDays: number;
  /** Glue database per job. */
  readonly databases: Readonly<Record<JobName, string>>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly sizing: JobSizing;
  /** The lake's private network: every job runs through its Glue connection. Default none (Glue's own network). */
  readonly network?: {
    readonly connectionName: pulumi.Input<string>;
    readonly placement: pulumi.Input<VpcPlacement>;
  };
}

/** What each job reads and writes, by zone: its input zone in, its output zone(s) out. */
const JOB_ZONES: Readonly<
  Record<
    JobName,
    { read: readonly ("raw" | "bronze" | "silver")[]; write: readonly ("bronze" | "quarantine" | "silver" | "gold")[] }
  >
> = {
  bronze: { read: ["raw"], write: ["bronze", "quarantine"] },
  silver: { read: ["bronze"], write: ["silver"] },
  gold: { read: ["silver"], write: ["gold"] },
};

/**
 * The job scripts and the zipped lakehouse package as S3 assets, three Glue jobs, and the start -> bronze -> silver ->
 * gold workflow.
 */
export class MedallionWorkflow extends pulumi.ComponentResource {
  public readonly workflowName: pulumi.Output<string>;
  /** Physical job names, in run order. */
  public readonly jobNames: readonly string[];
  public readonly jobs: Readonly<Record<JobName, MedallionJob>>;

  constructor(name: string, args: MedallionWorkflowArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:workflow:MedallionWorkflow", name, args, opts);
    const scripts = args.buckets.names.scripts;
    const pkgDir = path.join(args.sourceRoot, "glue-jobs", "lakehouse");
    const archive = new pulumi.asset.AssetArchive(
      Object.fromEntries(
        packageFiles(pkgDir).map((f) => [`lakehouse/${f}`, new pulumi.asset.FileAsset(path.join(pkgDir, f))]),
      ),
    );
    const pkg = new aws.s3.BucketObjectv2(
      `${name}-package`,
      { bucket: scripts, key: "packages/lakehouse.zip", source: archive },
      { parent: this },
    );
    const security = this.securityConfiguration(name, args);
    const b = args.buckets.names;
    const locations = pulumi
      .all([b.raw, b.bronze, b.silver, b.gold, b.quarantine, args.auditTableName])
      .apply(([raw, bronze, silver, gold, quarantine, audit]): JobLocations => ({
        rawBucket: raw,
        rawPrefix: args.rawPrefix,
        bronzeBucket: bronze,
        silverBucket: silver,
        goldBucket: gold,
        quarantineBucket: quarantine,
        auditTable: audit,
        auditTtlDays: args.auditTtlDays,
        databases: args.databases,
      }));
    const shared = { locations, packageKey: pkg.key, security: security.name };
    const jobs = Object.fromEntries(JOBS.map((job) => [job, this.job(name, job, args, shared)])) as Record<
      JobName,
      MedallionJob
    >;
    const workflow = new aws.glue.Workflow(
      `${name}-workflow`,
      {
        name: medallionWorkflowName(args.prefix),
        maxConcurrentRuns: 1,
        description: "start -> bronze -> silver -> gold",
      },
      { parent: this },
    );
    this.chain(name, workflow.name, jobs);
    this.workflowName = workflow.name;
    this.jobNames = JOBS.map((j) => glueJobName(args.prefix, j));
    this.jobs = jobs;
    this.registerOutputs({ workflowName: this.workflowName, jobNames: this.jobNames });
  }

  /** KMS for everything Glue writes: S3 output, CloudWatch logs, job bookmarks. */
  private securityConfiguration(name: string, args: MedallionWorkflowArgs): aws.glue.SecurityConfiguration {
    return new aws.glue.SecurityConfiguration(
      `${name}-security`,
      {
        name: resourceName(args.prefix, "glue-security"),
        encryptionConfiguration: {
          s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: args.kmsKeyArn },
          cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: args.kmsKeyArn },
          jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: args.kmsKeyArn },
        },
      },
      { parent: this },
    );
  }

  /** One job: its script as an asset, its arguments, and grants limited to its zones (JOB_ZONES). */
  private job(
    name: string,
    job: JobName,
    args: MedallionWorkflowArgs,
    shared: {
      locations: pulumi.Output<JobLocations>;
      packageKey: pulumi.Output<string>;
      security: pulumi.Output<string>;
    },
  ): MedallionJob {
    const scripts = args.buckets.names.scripts;
    const net = args.network;
    const source = new pulumi.asset.FileAsset(jobScriptPath(path.join(args.sourceRoot, "glue-jobs", "jobs"), job));
    const script = new aws.s3.BucketObjectv2(
      `${name}-${job}-script`,
      { bucket: scripts, key: `jobs/${job}_job.py`, source },
      { parent: this },
    );
    return new MedallionJob(
      `${name}-${job}`,
      {
        jobName: glueJobName(args.prefix, job),
        account: args.account,
        scriptLocation: pulumi.interpolate`s3://${scripts}/${script.key}`,
        defaultArguments: pulumi.all([shared.locations, scripts, shared.packageKey]).apply(([l, s, k]) => ({
          ...commonJobArguments(`s3://${s}/${k}`, s3Uri(s, `temp/${job}`)),
          ...jobArguments(job, l),
        })),
        grants: pulumi
          .all([args.buckets.arns, args.auditTableArn, args.kmsKeyArn, net?.connectionName, net?.placement])
          .apply(([arns, audit, key, connectionName, placement]) => ({
            readBuckets: [...JOB_ZONES[job].read.map((z) => arns[z]), arns.scripts],
            writeBuckets: JOB_ZONES[job].write.map((z) => arns[z]),
            tempPrefixArn: `${arns.scripts}/temp/${job}`,
            databaseName: args.databases[job],
            auditTableArn: audit, // file records (bronze) and run records (every job)
            kmsKeyArn: key,
            network:
              connectionName !== undefined && placement !== undefined ? { connectionName, placement } : undefined,
          })),
        securityConfiguration: shared.security,
        sizing: args.sizing,
        connections: net === undefined ? undefined : [net.connectionName],
      },
      { parent: this },
    );
  }

  /**
   * start (on demand: the ingest Lambda or its schedule) -> bronze -> silver -> gold, each on the previous job's
   * success.
   */
  private chain(name: string, workflowName: pulumi.Output<string>, jobs: Record<JobName, MedallionJob>): void {
    new aws.glue.Trigger(
      `${name}-start`,
      { workflowName, type: "ON_DEMAND", actions: [{ jobName: jobs.bronze.jobName }] },
      { parent: this },
    );
    const steps: [JobName, JobName][] = [
      ["bronze", "silver"],
      ["silver", "gold"],
    ];
    for (const [after, next] of steps) {
      new aws.glue.Trigger(
        `${name}-after-${after}`,
        {
          workflowName,
          type: "CONDITIONAL",
          startOnCreation: true,
          predicate: { conditions: [{ jobName: jobs[after].jobName, state: "SUCCEEDED", logicalOperator: "EQUALS" }] },
          actions: [{ jobName: jobs[next].jobName }],
        },
        { parent: this },
      );
    }
  }
}
