import JOB_ARGUMENTS from "../../glue-jobs/lakehouse/data/job_arguments.json";
import { JobName, METRICS_NAMESPACE, s3Uri } from "../shared/names";

/** Arguments every medallion job gets: Hudi, Kryo, the lakehouse package, metrics, the Glue catalog, logs. */
export function commonJobArguments(packageUri: string, tempDir: string): Record<string, string> {
  return {
    "--datalake-formats": "hudi",
    "--conf": "spark.serializer=org.apache.spark.serializer.KryoSerializer",
    "--extra-py-files": packageUri,
    // The bronze parser keeps FHIR decimals exactly (1.50 stays 1.50) with simplejson; pinned as in requirements-
    // dev.txt.
    "--additional-python-modules": "simplejson==4.3.0",
    "--enable-metrics": "true",
    "--enable-observability-metrics": "true",
    "--enable-continuous-cloudwatch-log": "true",
    "--enable-glue-datacatalog": "true",
    // Idempotency comes from the audit log and Hudi upserts, not from bookmarks.
    "--job-bookmark-option": "job-bookmark-disable",
    "--TempDir": tempDir,
  };
}

/** Where the jobs read and write: bucket names of the zones, the raw prefix, the audit table and databases. */
export interface JobLocations {
  readonly rawBucket: string;
  readonly rawPrefix: string;
  readonly bronzeBucket: string;
  readonly silverBucket: string;
  readonly goldBucket: string;
  readonly quarantineBucket: string;
  readonly auditTable: string;
  readonly auditTtlDays: number;
  readonly databases: Readonly<Record<JobName, string>>;
}

/** Every value a job argument can take in this stack; each job passes those job_arguments.json names for it. */
function argumentValues(job: JobName, l: JobLocations): Record<string, string> {
  return {
    raw_path: s3Uri(l.rawBucket, l.rawPrefix),
    bronze_path: s3Uri(l.bronzeBucket),
    silver_path: s3Uri(l.silverBucket),
    gold_path: s3Uri(l.goldBucket),
    quarantine_path: s3Uri(l.quarantineBucket),
    audit_table: l.auditTable,
    audit_ttl_days: String(l.auditTtlDays),
    metrics_namespace: METRICS_NAMESPACE,
    catalog_database: l.databases[job],
  };
}

/**
 * The job-specific arguments (Glue style, `--name value`) per glue-jobs/lakehouse/data/job_arguments.json, the
 * contract the jobs parse: every required one, and the optional ones this stack has a value for.
 */
export function jobArguments(job: JobName, l: JobLocations): Record<string, string> {
  const spec = JOB_ARGUMENTS.jobs[job];
  const values = argumentValues(job, l);
  const out: Record<string, string> = {};
  for (const name of spec.required) {
    const value = values[name];
    if (value === undefined) throw new Error(`the stack has no value for ${job}'s required argument --${name}`);
    out[`--${name}`] = value;
  }
  for (const name of spec.optional) if (values[name] !== undefined) out[`--${name}`] = values[name];
  return out;
}
