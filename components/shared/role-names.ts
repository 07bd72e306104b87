import { resourceName } from "./names";

/** The roles with fixed physical names, so bucket policies and alerts can name them before they exist. */
export interface RoleNames {
  /** Assumed by the GitHub Actions deploy job (OIDC). */
  readonly deploy: string;
  /** Assumed by the pull-request preview job (OIDC), read-only. */
  readonly preview: string;
  /** QuickSight's Athena data source. */
  readonly quicksight: string;
  readonly analyst: string;
  readonly engineer: string;
  readonly breakGlass: string;
}

/** `<prefix>-<role>` for each named role. */
export function roleNames(prefix: string): RoleNames {
  return {
    deploy: resourceName(prefix, "deploy"),
    preview: resourceName(prefix, "preview"),
    quicksight: resourceName(prefix, "quicksight-athena"),
    analyst: resourceName(prefix, "analyst"),
    engineer: resourceName(prefix, "engineer"),
    breakGlass: resourceName(prefix, "break-glass"),
  };
}

/** ARN of an IAM role of this account by name. */
export function iamRoleArn(partition: string, accountId: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:role/${name}`;
}

/**
 * ARN pattern of the role IAM Identity Center creates in the account for a permission set
 * (role/aws-reserved/sso.amazonaws.com/[region/]AWSReservedSSO_<permission set>_<hash>).
 */
export function identityCenterRoleArnPattern(partition: string, accountId: string, permissionSet: string): string {
  return `arn:${partition}:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_${permissionSet}_*`;
}
