import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../../config/stack-config";
import { AlertsAndAnalytics, buildAnalytics } from "./analytics-layer";
import { AuditLog } from "../audit/audit-log";
import { LakeCatalog } from "../catalog/lake-catalog";
import { IngestTrigger } from "../ingest/ingest-trigger";
import { AccountContext } from "../shared/account";
import { readViewFiles } from "../shared/athena-views";
import { DataLakeStorage } from "../storage/data-lake-storage";
import { MedallionWorkflow } from "../workflow/medallion-workflow";
import { buildNetwork } from "./network-layer";
import { buildAccess, buildDeployRole } from "./access-layer";
import { AuditTrail } from "../trail/audit-trail";
import { buildWarehouse } from "./warehouse-layer";

/** Arguments of the whole platform. */
export interface LakehousePlatformArgs {
  /** The validated stack config (config/<stack>.json). */
  readonly config: StackConfig;
  /** Repository root holding glue-jobs/ and athena/views/. Default: two folders up from this file. */
  readonly sourceRoot?: string;
  /** Folder of the published views' *.sql. Default `<sourceRoot>/athena/views`. */
  readonly viewsDir?: string;
}

/**
 * The FHIR lakehouse on AWS: storage, catalog, audit log, Glue workflow, ingest trigger, alerting, Athena, QuickSight.
 */
export class LakehousePlatform extends pulumi.ComponentResource {
  public readonly bucketNames: pulumi.Output<Record<string, string>>;
  public readonly workflowName: pulumi.Output<string>;
  public readonly jobNames: readonly string[];
  public readonly auditTableName: pulumi.Output<string>;
  public readonly alertTopicArn: pulumi.Output<string>;
  public readonly workgroupName: pulumi.Output<string>;
  public readonly databaseNames: Readonly<Record<string, string>>;
  /** QuickSight dashboard id, when dashboards are on and views exist. */
  public readonly dashboardId?: pulumi.Output<string>;
  /** Redshift Serverless workgroup, when config warehouse.enabled. */
  public readonly warehouseWorkgroup?: pulumi.Output<string>;

  constructor(name: string, args: LakehousePlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:platform:LakehousePlatform", name, {}, opts);
    const c = args.config;
    const root = args.sourceRoot ?? path.join(__dirname, "..", "..");
    // Region and tags from config/<stack>.json, applied to every AWS resource through this provider.
    const provider = new aws.Provider(
      `${name}-aws`,
      { region: c.awsRegion, defaultTags: { tags: { ...c.tags } } },
      { parent: this },
    );
    const child = { parent: this, providers: [provider] };
    const invoke = { parent: this, provider };
    const account: AccountContext = {
      accountId: aws.getCallerIdentityOutput({}, invoke).accountId,
      region: aws.getRegionOutput({}, invoke).region,
      partition: aws.getPartitionOutput({}, invoke).partition,
    };
    const net = buildNetwork(name, c, account, child);
    const storage = new DataLakeStorage(
      `${name}-storage`,
      {
        prefix: c.prefix,
        account,
        lifecycle: c.storage,
        retainOnDestroy: c.storage.retainOnDestroy,
        endpointOnly: net?.endpointOnly,
      },
      child,
    );
    const b = storage.buckets;
    const key = storage.kmsKeyArn;
    const catalog = new LakeCatalog(
      `${name}-catalog`,
      {
        prefix: c.prefix,
        zoneBuckets: { bronze: b.bronze.bucketName, silver: b.silver.bucketName, gold: b.gold.bucketName },
      },
      child,
    );
    const audit = new AuditLog(
      `${name}-audit`,
      {
        prefix: c.prefix,
        kmsKeyArn: key,
        pointInTimeRecovery: c.audit.pointInTimeRecovery,
        retain: c.storage.retainOnDestroy,
      },
      child,
    );
    new AuditTrail(
      `${name}-trail`,
      {
        prefix: c.prefix,
        account,
        phiBucketArns: [b.raw.arn, b.bronze.arn, b.silver.arn],
        auditTableArn: audit.tableArn,
        accessLogBucket: b["access-logs"].bucketName,
        objectLockDays: c.auditTrail.objectLockRetentionDays,
        logExpirationDays: c.auditTrail.logExpirationDays,
        retain: c.storage.retainOnDestroy,
      },
      child,
    );
    const workflow = new MedallionWorkflow(
      `${name}-medallion`,
      {
        prefix: c.prefix,
        account,
        sourceRoot: root,
        rawPrefix: c.ingest.rawPrefix,
        kmsKeyArn: key,
        databases: catalog.databaseNames,
        buckets: {
          names: {
            raw: b.raw.bucketName,
            bronze: b.bronze.bucketName,
            silver: b.silver.bucketName,
            gold: b.gold.bucketName,
            quarantine: b.quarantine.bucketName,
            scripts: b.scripts.bucketName,
          },
          arns: {
            raw: b.raw.arn,
            bronze: b.bronze.arn,
            silver: b.silver.arn,
            gold: b.gold.arn,
            quarantine: b.quarantine.arn,
            scripts: b.scripts.arn,
          },
        },
        auditTableName: audit.tableName,
        auditTableArn: audit.tableArn,
        auditTtlDays: c.audit.ttlDays,
        sizing: c.glue,
        network: net && { connectionName: net.network.glueConnectionName, placement: net.placement },
      },
      child,
    );
    const ingest = new IngestTrigger(
      `${name}-ingest`,
      {
        prefix: c.prefix,
        account,
        rawBucketName: b.raw.bucketName,
        rawBucketArn: b.raw.arn,
        rawPrefix: c.ingest.rawPrefix,
        workflowName: workflow.workflowName,
        jobNames: workflow.jobNames,
        schedule: c.glue.schedule,
        memoryMb: c.ingest.lambdaMemoryMb,
        timeoutSeconds: c.ingest.lambdaTimeoutSeconds,
        kmsKeyArn: key,
        vpc: net?.placement,
      },
      child,
    );
    const layer: AlertsAndAnalytics = buildAnalytics(name, {
      config: c,
      account,
      storage,
      key,
      goldDatabase: catalog.databaseNames.gold,
      jobNames: workflow.jobNames,
      ingestFunctionName: ingest.functionName,
      views: readViewFiles(args.viewsDir ?? path.join(root, "athena", "views")),
      child,
    });
    const accessInputs = {
      config: c,
      account,
      storage,
      databases: catalog.databaseNames,
      workgroupName: layer.analytics.workgroupName,
      viewNames: layer.analytics.viewNames,
      jobNames: workflow.jobNames,
      workflowName: workflow.workflowName,
      ingestFunctionName: ingest.functionName,
      auditTableArn: audit.tableArn,
      alertTopicArn: layer.alerts.topicArn,
      child,
    };
    buildAccess(name, accessInputs);
    buildDeployRole(name, accessInputs);
    const warehouse = buildWarehouse(name, c, {
      account,
      storage,
      goldDatabase: catalog.databaseNames.gold,
      net,
      child,
    });
    this.bucketNames = pulumi.output(
      Object.fromEntries(Object.entries(b).map(([z, bucket]) => [z, bucket.bucketName])),
    );
    this.workflowName = workflow.workflowName;
    this.jobNames = workflow.jobNames;
    this.auditTableName = audit.tableName;
    this.alertTopicArn = layer.alerts.topicArn;
    this.workgroupName = layer.analytics.workgroupName;
    this.databaseNames = catalog.databaseNames;
    this.dashboardId = layer.dashboards?.dashboardId;
    this.warehouseWorkgroup = warehouse?.workgroupName;
    this.registerOutputs({
      bucketNames: this.bucketNames,
      workflowName: this.workflowName,
      alertTopicArn: this.alertTopicArn,
      workgroupName: this.workgroupName,
    });
  }
}
