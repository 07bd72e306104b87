import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";

/** A QuickSight principal ARN from config's 'user|group/<namespace>/<name>', built with the deploying account. */
export function quicksightPrincipalArn(
  principal: string,
  accountId: string,
  region: string,
  partition = "aws",
): string {
  const match = /^(user|group)\/([A-Za-z0-9._@-]+)\/([A-Za-z0-9._@-]+)$/.exec(principal);
  if (!match)
    throw new Error(
      `dashboards.quicksightPrincipals: '${principal}' must look ` +
        `like 'group/<namespace>/<name>' or 'user/<namespace>/<name>'`,
    );
  if (!/^\d{12}$/.test(accountId))
    throw new Error(`quicksightPrincipalArn: account id '${accountId}' is not 12 digits`);
  return `arn:${partition}:quicksight:${region}:${accountId}:${principal}`;
}

/** The configured principals' ARNs in the stack's account and region (see quicksightPrincipalArn). */
export function quicksightPrincipalArns(
  principals: readonly string[],
  account: AccountContext,
): pulumi.Output<string[]> {
  return pulumi
    .all([account.accountId, account.region, account.partition])
    .apply(([a, r, p]) => principals.map((x) => quicksightPrincipalArn(x, a, r, p)));
}

/** The QuickSight column type of a Presto type (QuickSight knows STRING, INTEGER, DECIMAL, DATETIME, BOOLEAN). */
export function quicksightColumnType(prestoType: string): string {
  const t = prestoType.toLowerCase();
  if (/^(tinyint|smallint|integer|int|bigint)$/.test(t)) return "INTEGER";
  if (/^(double|real|float|decimal.*)$/.test(t)) return "DECIMAL";
  if (/^(date|timestamp.*)$/.test(t)) return "DATETIME";
  if (t === "boolean") return "BOOLEAN";
  return "STRING";
}

/** Read-only actions granted to dashboard viewers on data sets. */
export const DATASET_VIEWER_ACTIONS = [
  "quicksight:DescribeDataSet",
  "quicksight:DescribeDataSetPermissions",
  "quicksight:DescribeIngestion",
  "quicksight:ListIngestions",
  "quicksight:PassDataSet",
];
/** Actions granted to the configured principals on a data source: see it and build data sets on it. */
export const DATA_SOURCE_USER_ACTIONS = [
  "quicksight:DescribeDataSource",
  "quicksight:DescribeDataSourcePermissions",
  "quicksight:PassDataSource",
];
/** Read-only actions granted to dashboard viewers on the dashboard. */
export const DASHBOARD_VIEWER_ACTIONS = [
  "quicksight:DescribeDashboard",
  "quicksight:ListDashboardVersions",
  "quicksight:QueryDashboard",
];
