import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DATA_SOURCE_USER_ACTIONS, quicksightPrincipalArns } from "../dashboards/quicksight";
import { VpcPlacement } from "../network/vpc-access-policy";
import { AccountContext } from "../shared/account";
import { resourceName } from "../shared/names";
import { assumeRolePolicy } from "../shared/policy-document";
import { quicksightVpcPolicy, redshiftTrustPolicy, spectrumGoldPolicy } from "./warehouse-policies";

/** The database of the namespace, the external schema over gold, and QuickSight's read-only user in it. */
export const WAREHOUSE_DATABASE = "lakehouse";
export const GOLD_SCHEMA = "gold";
export const QUICKSIGHT_DB_USER = "quicksight_reader";
const REDSHIFT_PORT = 5439;

/** The external schema over the gold Glue database, read through the Spectrum role. */
export function externalSchemaSql(goldDatabase: string, roleArn: string): string {
  return (
    `CREATE EXTERNAL SCHEMA IF NOT EXISTS ${GOLD_SCHEMA} ` +
    `FROM DATA CATALOG DATABASE '${goldDatabase}' IAM_ROLE '${roleArn}'`
  );
}

/** Arguments of the warehouse. */
export interface RedshiftWarehouseArgs {
  readonly prefix: string;
  readonly account: AccountContext;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly goldDatabase: string;
  readonly goldBucketArn: pulumi.Input<string>;
  readonly publishedTables: readonly string[];
  /** The lake's private subnets (three zones: Redshift Serverless needs them) and security group. */
  readonly placement: pulumi.Input<VpcPlacement>;
  readonly baseCapacityRpu: number;
  readonly maxCapacityRpu: number;
  /** QuickSight users or groups (`user|group/<namespace>/<name>`) given the data source; none: no QuickSight. */
  readonly quicksightPrincipals: readonly string[] | null;
}

/**
 * Redshift Serverless over the gold zone: a namespace encrypted with the lake key whose admin password Redshift keeps
 * in Secrets Manager (never in config or state), a private workgroup (no public access, enhanced VPC routing, TLS
 * required) in the lake's subnets, and the external schema `gold` over the gold Glue database through a role that
 * reads the published gold tables only. With QuickSight on, a read-only database user, its password in a KMS
 * secret, a QuickSight VPC connection and a Redshift data source.
 */
export class RedshiftWarehouse extends pulumi.ComponentResource {
  public readonly workgroupName: pulumi.Output<string>;
  public readonly endpointAddress: pulumi.Output<string>;
  public readonly adminSecretArn: pulumi.Output<string>;
  public readonly dataSourceArn?: pulumi.Output<string>;

  constructor(name: string, args: RedshiftWarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:warehouse:RedshiftWarehouse", name, {}, opts);
    const child = { parent: this };
    const { accountId, region, partition } = args.account;
    const role = new aws.iam.Role(
      `${name}-spectrum`,
      {
        name: resourceName(args.prefix, "warehouse-spectrum"),
        assumeRolePolicy: accountId.apply((a) => JSON.stringify(redshiftTrustPolicy(a))),
      },
      child,
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-spectrum-policy`,
      {
        role: role.name,
        policy: pulumi
          .all([accountId, region, partition, args.goldBucketArn, args.kmsKeyArn])
          .apply(([a, r, p, gold, key]) =>
            JSON.stringify(
              spectrumGoldPolicy({
                scope: { accountId: a, region: r, partition: p },
                goldDatabase: args.goldDatabase,
                goldBucketArn: gold,
                publishedTables: args.publishedTables,
                kmsKeyArn: key,
              }),
            ),
          ),
      },
      child,
    );
    const namespace = new aws.redshiftserverless.Namespace(
      `${name}-namespace`,
      {
        namespaceName: resourceName(args.prefix, "warehouse"),
        dbName: WAREHOUSE_DATABASE,
        adminUsername: "lake_admin",
        manageAdminPassword: true,
        adminPasswordSecretKmsKeyId: args.kmsKeyArn,
        kmsKeyId: args.kmsKeyArn,
        iamRoles: [role.arn],
        defaultIamRoleArn: role.arn,
        logExports: ["connectionlog", "userlog", "useractivitylog"],
      },
      child,
    );
    const placement = pulumi.output(args.placement);
    const workgroup = new aws.redshiftserverless.Workgroup(
      `${name}-workgroup`,
      {
        workgroupName: resourceName(args.prefix, "warehouse"),
        namespaceName: namespace.namespaceName,
        baseCapacity: args.baseCapacityRpu,
        maxCapacity: args.maxCapacityRpu,
        publiclyAccessible: false,
        enhancedVpcRouting: true,
        subnetIds: placement.subnetIds.apply((ids) => [...ids]),
        securityGroupIds: [placement.securityGroupId],
        port: REDSHIFT_PORT,
        configParameters: [
          { parameterKey: "require_ssl", parameterValue: "true" },
          { parameterKey: "enable_user_activity_logging", parameterValue: "true" },
        ],
      },
      child,
    );
    const schema = new aws.redshiftdata.Statement(
      `${name}-gold-schema`,
      {
        workgroupName: workgroup.workgroupName,
        database: WAREHOUSE_DATABASE,
        sql: role.arn.apply((arn) => externalSchemaSql(args.goldDatabase, arn)),
      },
      { parent: this, dependsOn: [rolePolicy] },
    );
    this.workgroupName = workgroup.workgroupName;
    this.endpointAddress = workgroup.endpoints.apply((e) => e?.[0]?.address ?? "");
    this.adminSecretArn = namespace.adminPasswordSecretArn;
    if (args.quicksightPrincipals !== null)
      this.dataSourceArn = this.quicksight(name, args, workgroup, schema, placement);
    this.registerOutputs({ workgroupName: this.workgroupName, endpointAddress: this.endpointAddress });
  }

  /** QuickSight's read-only database user, its secret, the VPC connection and the Redshift data source. */
  private quicksight(
    name: string,
    args: RedshiftWarehouseArgs,
    workgroup: aws.redshiftserverless.Workgroup,
    schema: aws.redshiftdata.Statement,
    placement: pulumi.Output<VpcPlacement>,
  ): pulumi.Output<string> {
    const child = { parent: this };
    const { accountId, region, partition } = args.account;
    // Redshift passwords: 8..64 characters with upper, lower and a digit, none of ' " \ / @ or space.
    const password = new random.RandomPassword(
      `${name}-quicksight-password`,
      { length: 40, minUpper: 2, minLower: 2, minNumeric: 2, special: true, overrideSpecial: "!#$%^&*()-_=+" },
      child,
    );
    const secret = new aws.secretsmanager.Secret(
      `${name}-quicksight-secret`,
      {
        name: resourceName(args.prefix, "warehouse-quicksight"),
        description: "Redshift user QuickSight connects as (read-only on the gold schema)",
        kmsKeyId: args.kmsKeyArn,
      },
      child,
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-quicksight-secret-value`,
      {
        secretId: secret.id,
        secretString: pulumi.jsonStringify({ username: QUICKSIGHT_DB_USER, password: password.result }),
      },
      child,
    );
    const user = new aws.redshiftdata.Statement(
      `${name}-quicksight-user`,
      {
        workgroupName: workgroup.workgroupName,
        database: WAREHOUSE_DATABASE,
        sql: pulumi.secret(pulumi.interpolate`CREATE USER ${QUICKSIGHT_DB_USER} PASSWORD '${password.result}'`),
      },
      child,
    );
    new aws.redshiftdata.Statement(
      `${name}-quicksight-grant`,
      {
        workgroupName: workgroup.workgroupName,
        database: WAREHOUSE_DATABASE,
        sql: `GRANT USAGE ON SCHEMA ${GOLD_SCHEMA} TO ${QUICKSIGHT_DB_USER}`,
      },
      { parent: this, dependsOn: [user, schema] },
    );
    const vpcRole = new aws.iam.Role(
      `${name}-quicksight-vpc`,
      {
        name: resourceName(args.prefix, "warehouse-quicksight-vpc"),
        assumeRolePolicy: accountId.apply((a) => JSON.stringify(assumeRolePolicy("quicksight.amazonaws.com", a))),
      },
      child,
    );
    const vpcPolicy = new aws.iam.RolePolicy(
      `${name}-quicksight-vpc-policy`,
      {
        role: vpcRole.name,
        policy: pulumi
          .all([accountId, region, partition, placement])
          .apply(([a, r, p, pl]) => JSON.stringify(quicksightVpcPolicy({ accountId: a, region: r, partition: p }, pl))),
      },
      child,
    );
    const connection = new aws.quicksight.VpcConnection(
      `${name}-quicksight-connection`,
      {
        vpcConnectionId: resourceName(args.prefix, "warehouse"),
        name: `${args.prefix} warehouse`,
        roleArn: vpcRole.arn,
        subnetIds: placement.subnetIds.apply((ids) => [...ids]),
        securityGroupIds: [placement.securityGroupId],
      },
      { parent: this, dependsOn: [vpcPolicy] },
    );
    const principals = quicksightPrincipalArns(args.quicksightPrincipals ?? [], args.account);
    const source = new aws.quicksight.DataSource(
      `${name}-quicksight-source`,
      {
        dataSourceId: resourceName(args.prefix, "redshift"),
        name: `${args.prefix} Redshift`,
        type: "REDSHIFT",
        parameters: {
          redshift: { host: this.endpointAddress, port: REDSHIFT_PORT, database: WAREHOUSE_DATABASE },
        },
        credentials: { secretArn: secret.arn },
        sslProperties: { disableSsl: false },
        vpcConnectionProperties: { vpcConnectionArn: connection.arn },
        permissions: principals.apply((ps) =>
          ps.map((principal) => ({ principal, actions: DATA_SOURCE_USER_ACTIONS })),
        ),
      },
      child,
    );
    return source.arn;
  }
}
