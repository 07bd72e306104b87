import { Zone } from "../shared/names";

/** The lifecycle knobs of config storage (see config/stack-config.ts). */
export interface LifecycleSettings {
  readonly rawExpirationDays: number | null;
  readonly noncurrentVersionExpirationDays: number;
  readonly infrequentAccessAfterDays: number | null;
  readonly athenaResultsExpirationDays: number;
  readonly accessLogsExpirationDays: number;
}

/** One S3 lifecycle rule in the shape of aws.s3.BucketLifecycleConfiguration rules. */
export interface LifecycleRule {
  readonly id: string;
  readonly status: "Enabled";
  readonly filter: Record<string, never>;
  readonly expiration?: { readonly days: number };
  readonly transitions?: readonly { readonly days: number; readonly storageClass: string }[];
  readonly noncurrentVersionExpiration?: { readonly noncurrentDays: number };
  readonly abortIncompleteMultipartUpload?: { readonly daysAfterInitiation: number };
}

/** Days after which current objects of a zone expire; null keeps them. */
function expirationDays(zone: Zone, s: LifecycleSettings): number | null {
  if (zone === "raw") return s.rawExpirationDays;
  if (zone === "athena-results") return s.athenaResultsExpirationDays;
  if (zone === "access-logs") return s.accessLogsExpirationDays;
  return null;
}

/**
 * Lifecycle rules of a zone: every zone drops old noncurrent versions and stale multipart uploads;
 * raw, Athena results and access logs expire after their configured days; bronze and silver move to
 * STANDARD_IA when configured. Gold stays in STANDARD (dashboards read it all the time).
 */
export function lifecycleRules(zone: Zone, s: LifecycleSettings): LifecycleRule[] {
  const rules: LifecycleRule[] = [
    {
      id: "noncurrent-versions",
      status: "Enabled",
      filter: {},
      noncurrentVersionExpiration: { noncurrentDays: s.noncurrentVersionExpirationDays },
    },
    {
      id: "abort-multipart",
      status: "Enabled",
      filter: {},
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
  ];
  const days = expirationDays(zone, s);
  if (days !== null) rules.push({ id: "expire-objects", status: "Enabled", filter: {}, expiration: { days } });
  if ((zone === "bronze" || zone === "silver") && s.infrequentAccessAfterDays !== null) {
    rules.push({
      id: "infrequent-access",
      status: "Enabled",
      filter: {},
      transitions: [{ days: s.infrequentAccessAfterDays, storageClass: "STANDARD_IA" }],
    });
  }
  return rules;
}
