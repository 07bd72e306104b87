import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../../config/stack-config";
import { PipelineAlerts } from "../alerting/pipeline-alerts";
import { AthenaAnalytics } from "../analytics/athena-analytics";
import { QuicksightDashboards } from "../dashboards/quicksight-dashboards";
import { AccountContext } from "../shared/account";
import { AthenaViewFile } from "../shared/athena-views";
import { DataLakeStorage } from "../storage/data-lake-storage";
import { breakGlassRuleName } from "../access/people-access";

/** What the platform hands the downstream layer. */
export interface AnalyticsLayerInputs {
  readonly config: StackConfig;
  readonly account: AccountContext;
  readonly storage: DataLakeStorage;
  readonly key: pulumi.Output<string>;
  readonly goldDatabase: string;
  readonly jobNames: readonly string[];
  readonly ingestFunctionName: pulumi.Output<string>;
  readonly views: readonly AthenaViewFile[];
  readonly child: pulumi.ComponentResourceOptions;
}

/** The alerting, Athena and (when config says so) QuickSight components. */
export interface AlertsAndAnalytics {
  readonly alerts: PipelineAlerts;
  readonly analytics: AthenaAnalytics;
  readonly dashboards?: QuicksightDashboards;
}

/**
 * Builds the consumer-facing components of the platform with `i.child` options (kept apart so the platform file stays
 * small).
 */
export function buildAnalytics(name: string, i: AnalyticsLayerInputs): AlertsAndAnalytics {
  const c = i.config;
  const alerts = new PipelineAlerts(
    `${name}-alerts`,
    {
      prefix: c.prefix,
      jobNames: i.jobNames,
      finalJobName: i.jobNames[i.jobNames.length - 1],
      emails: c.alerting.emails,
      freshnessHours: c.alerting.freshnessHours,
      ingestFunctionName: i.ingestFunctionName,
      kmsKeyArn: i.key,
      // The break-glass alert rule (components/access) is named up front so the topic policy can let it publish.
      extraRuleArns: pulumi
        .all([i.account.partition, i.account.region, i.account.accountId])
        .apply(([p, r, a]) => [`arn:${p}:events:${r}:${a}:rule/${breakGlassRuleName(c.prefix)}`]),
    },
    i.child,
  );
  const b = i.storage.buckets;
  const analytics = new AthenaAnalytics(
    `${name}-analytics`,
    {
      prefix: c.prefix,
      resultsBucketName: b["athena-results"].bucketName,
      kmsKeyArn: i.key,
      bytesScannedCutoffMb: c.analytics.bytesScannedCutoffMb,
      goldDatabase: i.goldDatabase,
      views: i.views,
      forceDestroy: !c.storage.retainOnDestroy,
    },
    i.child,
  );
  if (!c.dashboards.quicksightEnabled) return { alerts, analytics };
  const dashboards = new QuicksightDashboards(
    `${name}-dashboards`,
    {
      prefix: c.prefix,
      account: i.account,
      workgroupName: analytics.workgroupName,
      goldDatabase: i.goldDatabase,
      goldBucketArn: b.gold.arn,
      resultsBucketArn: b["athena-results"].arn,
      kmsKeyArn: i.key,
      views: i.views,
      principals: c.dashboards.quicksightPrincipals,
      region: c.awsRegion,
    },
    i.child,
  );
  return { alerts, analytics, dashboards };
}
