import { stackRule } from "./network-rules";
import { closedReads } from "./people-rules";
import { resourceRule } from "./resource-rule";
import { StackResource, T, list } from "./stack-view";

/* eslint-disable @typescript-eslint/no-explicit-any */

const NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
const WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";
const ROLE = "aws:iam/role:Role";
/** Redshift's logs an audit needs: who connected, which users changed, what each user ran. */
const AUDIT_LOGS = ["connectionlog", "userlog", "useractivitylog"];

/** The resource rules for the optional Redshift warehouse and the secrets it (and anything else) keeps. */
export const warehouseResourcePolicies = [
  resourceRule(
    "redshift-namespace-encrypted-managed-password",
    "Redshift Serverless namespaces use a customer KMS key, let Redshift manage the admin password in a " +
      "KMS-encrypted secret (no password in config or state) and export the audit logs",
    NAMESPACE,
    (p) => [
      ...(p.kmsKeyId ? [] : ["not encrypted with a customer KMS key"]),
      ...(p.manageAdminPassword === true && p.adminUserPassword === undefined
        ? []
        : ["the admin password is not managed by Redshift"]),
      ...(p.adminPasswordSecretKmsKeyId ? [] : ["the admin password's secret has no customer KMS key"]),
      ...AUDIT_LOGS.filter((l) => !list(p.logExports).includes(l)).map((l) => `does not export ${l}`),
    ],
  ),
  resourceRule(
    "redshift-workgroup-private-tls",
    "Redshift Serverless workgroups are not publicly accessible, sit in subnets, route through the VPC (enhanced VPC " +
      "routing) and require TLS",
    WORKGROUP,
    (p) => {
      const ssl = (p.configParameters ?? []).find((c: any) => c.parameterKey === "require_ssl");
      return [
        ...(p.publiclyAccessible === false ? [] : ["is publicly accessible (or does not say it is not)"]),
        ...(p.enhancedVpcRouting === true ? [] : ["enhanced VPC routing is off"]),
        ...(list(p.subnetIds).length > 0 ? [] : ["has no subnets"]),
        ...(ssl?.parameterValue === "true" ? [] : ["TLS is not required"]),
      ];
    },
  ),
  resourceRule(
    "secrets-kms",
    "Secrets Manager secrets are encrypted with a customer KMS key",
    "aws:secretsmanager/secret:Secret",
    (p) => (p.kmsKeyId ? [] : ["secret is not encrypted with a customer KMS key"]),
  ),
  resourceRule(
    "quicksight-datasource-tls-private",
    "QuickSight data sources keep TLS on; a Redshift source goes through a VPC connection and a secret",
    "aws:quicksight/dataSource:DataSource",
    (p) => [
      ...(p.sslProperties?.disableSsl === true ? ["TLS is disabled"] : []),
      ...(p.type === "REDSHIFT" && !p.vpcConnectionProperties?.vpcConnectionArn ? ["has no VPC connection"] : []),
      ...(p.type === "REDSHIFT" && !p.credentials?.secretArn ? ["credentials are not a Secrets Manager secret"] : []),
    ],
  ),
];

/** The inline policies of the roles a namespace may assume (its iamRoles, matched by role name). */
function namespacePolicies(ns: StackResource, rs: readonly StackResource[]): StackResource[] {
  const roleNames = list(ns.props.iamRoles).map((arn) => arn.split("/").pop() ?? "");
  const roles = rs.filter((r) => r.type === ROLE && roleNames.includes(String(r.props.name)));
  return rs.filter((r) => r.type === T.rolePolicy && roles.some((role) => r.props.role === role.props.name));
}

export const warehouseReadsPublishedOnly = stackRule(
  "warehouse-reads-published-only",
  "The roles a Redshift namespace may assume allow no object read in raw, bronze, silver or quarantine, nor in any " +
    "gold table the published views do not read",
  (rs) =>
    rs
      .filter((r) => r.type === NAMESPACE)
      .flatMap((ns) =>
        namespacePolicies(ns, rs).flatMap((p) =>
          closedReads(p.props.policy ?? "{}", rs).map((what): [string, string] => [
            p.urn,
            `${p.name}: the warehouse ${ns.name} can read ${what}`,
          ]),
        ),
      ),
);

/** The whole-stack warehouse rules of the pack. */
export const warehouseStackPolicies = [warehouseReadsPublishedOnly];
