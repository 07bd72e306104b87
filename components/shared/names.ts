import metrics from "../../glue-jobs/lakehouse/data/metrics.json";

/** The storage zones of the lake; each gets one SecureBucket. */
export const ZONES = [
  "raw",
  "bronze",
  "silver",
  "gold",
  "quarantine",
  "scripts",
  "athena-results",
  "access-logs",
] as const;
/** One storage zone. */
export type Zone = (typeof ZONES)[number];

/** Zones holding data that prod must never lose (protected, retained on delete). */
export const DATA_ZONES: readonly Zone[] = ["raw", "bronze", "silver", "gold", "quarantine", "access-logs"];

/** The zones with a Glue database (the medallion layers the jobs sync their Hudi tables into). */
export const CATALOG_ZONES = ["bronze", "silver", "gold"] as const;
/** A zone with a Glue database. */
export type CatalogZone = (typeof CATALOG_ZONES)[number];

/** The three Glue jobs, in workflow order. */
export const JOBS = ["bronze", "silver", "gold"] as const;
/** One Glue job of the medallion workflow. */
export type JobName = (typeof JOBS)[number];

/** CloudWatch namespace the jobs publish their counts to (glue-jobs/lakehouse/data/metrics.json, read by both). */
export const METRICS_NAMESPACE: string = metrics.namespace;
/** The metric dimension holding the Glue job name. */
export const JOB_DIMENSION: string = metrics.jobDimension;
/** Metric name of the quarantine count the data-quality alarm watches. */
export const QUARANTINE_METRIC: string = metrics.metrics.quarantined;

/** `${prefix}-${role}`: the one naming rule for child resources and physical names. */
export function resourceName(prefix: string, role: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(prefix))
    throw new Error(`resource name prefix '${prefix}' must be lowercase letters, digits and dashes`);
  return `${prefix}-${role}`;
}

/** Glue/Athena database name for a zone: dashes become underscores (Athena rejects dashes in unquoted names). */
export function glueDatabaseName(prefix: string, zone: CatalogZone): string {
  return `${prefix.replace(/-/g, "_")}_${zone}`;
}

/** The physical Glue job name of a medallion job, e.g. fhirlake-dev-bronze. */
export function glueJobName(prefix: string, job: JobName): string {
  return resourceName(prefix, job);
}

/** The Athena workgroup of a stack (the `query` CLI runs in it). */
export function athenaWorkgroupName(prefix: string): string {
  return resourceName(prefix, "analytics");
}

/** The DynamoDB audit table of a stack (the `status` CLI reads it). */
export function auditTableName(prefix: string): string {
  return resourceName(prefix, "ingest-audit");
}

/** The Glue workflow that chains the medallion jobs. */
export function medallionWorkflowName(prefix: string): string {
  return resourceName(prefix, "medallion");
}

/** `s3://bucket` or `s3://bucket/key/prefix` without a trailing slash (the jobs append `/<table>`). */
export function s3Uri(bucket: string, keyPrefix = ""): string {
  const key = keyPrefix.replace(/^\/+|\/+$/g, "");
  return key === "" ? `s3://${bucket}` : `s3://${bucket}/${key}`;
}
