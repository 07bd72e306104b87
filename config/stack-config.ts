/** The typed shape of config/<stack>.json; config/stack-config.schema.json is its contract. */
export interface StackConfig {
  readonly environment: "dev" | "staging" | "prod";
  /** Prefix of every resource name. */
  readonly prefix: string;
  readonly awsRegion: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly storage: {
    /** true: data buckets are protected and never force-destroyed. */
    readonly retainOnDestroy: boolean;
    /** null keeps raw files forever. */
    readonly rawExpirationDays: number | null;
    readonly noncurrentVersionExpirationDays: number;
    /** null never transitions. */
    readonly infrequentAccessAfterDays: number | null;
    readonly athenaResultsExpirationDays: number;
    readonly accessLogsExpirationDays: number;
  };
  readonly glue: {
    readonly workerType: "G.1X" | "G.2X" | "G.4X" | "G.8X";
    readonly numberOfWorkers: number;
    readonly timeoutMinutes: number;
    readonly maxRetries: number;
    /** AWS cron expression, or null for event-driven runs only. */
    readonly schedule: string | null;
  };
  readonly audit: { readonly ttlDays: number; readonly pointInTimeRecovery: boolean };
  readonly ingest: {
    readonly rawPrefix: string;
    readonly lambdaMemoryMb: number;
    readonly lambdaTimeoutSeconds: number;
  };
  readonly alerting: { readonly emails: readonly string[]; readonly freshnessHours: number };
  readonly analytics: { readonly bytesScannedCutoffMb: number };
  readonly dashboards: { readonly quicksightEnabled: boolean; readonly quicksightPrincipals: readonly string[] };
  /** The private VPC; off: the jobs and the Lambda use AWS's public endpoints. */
  readonly network: {
    readonly enabled: boolean;
    readonly cidrBlock: string;
    readonly zones: number;
    /** true: a Kinesis interface endpoint for the vitals stream. */
    readonly streaming: boolean;
  };
  /** The people's roles: Identity Center permission sets when an instance is named, IAM roles otherwise. */
  readonly access: { readonly identityCenterInstanceArn: string | null; readonly breakGlassSessionHours: number };
  /** CloudTrail's bucket: null Object Lock days means none. */
  readonly auditTrail: { readonly objectLockRetentionDays: number | null; readonly logExpirationDays: number };
  /** Redshift Serverless over gold; needs the private network in three zones. */
  readonly warehouse: { readonly enabled: boolean; readonly baseCapacityRpu: number; readonly maxCapacityRpu: number };
  /** The GitHub Actions deploy role (OIDC). */
  readonly deploy: {
    readonly githubRepository: string;
    readonly branch: string;
    /** null: the job is trusted by branch; a name: by that (approval-gated) GitHub environment. */
    readonly githubEnvironment: string | null;
    readonly createOidcProvider: boolean;
  };
}
