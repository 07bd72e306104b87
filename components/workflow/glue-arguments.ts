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

/** The job-specific arguments of the brief's interface (Glue style, underscores), per job. */
export function jobArguments(job: JobName, l: JobLocations): Record<string, string> {
  const bronze = s3Uri(l.bronzeBucket);
  const silver = s3Uri(l.silverBucket);
  switch (job) {
    case "bronze":
      return {
        "--raw_path": s3Uri(l.rawBucket, l.rawPrefix),
        "--bronze_path": bronze,
        "--quarantine_path": s3Uri(l.quarantineBucket),
        "--audit_table": l.auditTable,
        "--audit_ttl_days": String(l.auditTtlDays),
        "--metrics_namespace": METRICS_NAMESPACE,
        "--catalog_database": l.databases.bronze,
      };
    case "silver":
      return { "--bronze_path": bronze, "--silver_path": silver, "--catalog_database": l.databases.silver };
    case "gold":
      return { "--silver_path": silver, "--gold_path": s3Uri(l.goldBucket), "--catalog_database": l.databases.gold };
  }
}
