import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "./config/load-config";
import { LakehousePlatform } from "./components/platform/lakehouse-platform";

// The Pulumi program: load and validate config/<stack>.json before any resource is declared, then wire the platform.
const config = loadStackConfig(pulumi.getStack());
const platform = new LakehousePlatform(config.prefix, { config, sourceRoot: __dirname });

export const environment = config.environment;
/** Bucket name per zone (raw, bronze, silver, gold, quarantine, scripts, athena-results, access-logs). */
export const bucketNames = platform.bucketNames;
/** Upload FHIR files here to start a run. */
export const rawUploadUri = pulumi.interpolate`s3://${platform.bucketNames.apply((b) => b.raw)}/${config.ingest.rawPrefix}`;
export const workflowName = platform.workflowName;
export const glueJobNames = platform.jobNames;
export const auditTableName = platform.auditTableName;
export const alertTopicArn = platform.alertTopicArn;
export const athenaWorkgroup = platform.workgroupName;
export const glueDatabases = platform.databaseNames;
export const dashboardUrl = platform.dashboardId
  ? pulumi.interpolate`https://${config.awsRegion}.quicksight.aws.amazon.com/sn/dashboards/${platform.dashboardId}`
  : "QuickSight dashboards are off for this stack (config dashboards.quicksightEnabled)";
/** Redshift Serverless workgroup over gold (docs/warehouse.md), when config warehouse.enabled. */
export const warehouseWorkgroup =
  platform.warehouseWorkgroup ?? "The Redshift warehouse is off for this stack (config warehouse.enabled)";
