import * as aws from "@pulumi/aws";
import * as awsnative from "@pulumi/aws-native";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { AthenaViewFile } from "../shared/athena-views";
import { dashboardDefinition } from "./dashboard-definition";
import { resourceName } from "../shared/names";
import { roleNames } from "../shared/role-names";
import { assumeRolePolicy } from "../shared/policy-document";
import {
  DASHBOARD_VIEWER_ACTIONS,
  DATA_SOURCE_USER_ACTIONS,
  DATASET_VIEWER_ACTIONS,
  quicksightColumnType,
  quicksightPrincipalArns,
} from "./quicksight";
import { quicksightAthenaPolicy } from "./quicksight-athena-policy";

/** Arguments of the QuickSight layer (assumes an Enterprise QuickSight subscription in the account). */
export interface QuicksightDashboardsArgs {
  readonly prefix: string;
  readonly account: AccountContext;
  readonly workgroupName: pulumi.Input<string>;
  readonly goldDatabase: string;
  readonly goldBucketArn: pulumi.Input<string>;
  readonly resultsBucketArn: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Published views; one DIRECT_QUERY data set each, and one dashboard sheet each (internal views none). */
  readonly views: readonly AthenaViewFile[];
  /** Viewers, 'group|user/<namespace>/<name>' (config dashboards.quicksightPrincipals). */
  readonly principals: readonly string[];
  /**
   * Region of the aws-native provider this component creates for the dashboard (aws-native has its own region
   * setting).
   */
  readonly region: string;
}

/** An Athena data source with its own read-only role, a data set per view, and a dashboard over them. */
export class QuicksightDashboards extends pulumi.ComponentResource {
  /** The dashboard id, or undefined while no views exist. */
  public readonly dashboardId?: pulumi.Output<string>;
  public readonly dataSourceArn: pulumi.Output<string>;

  constructor(name: string, args: QuicksightDashboardsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:dashboards:QuicksightDashboards", name, args, opts);
    const child = { parent: this };
    const { accountId, region, partition } = args.account;
    const principals = quicksightPrincipalArns(args.principals, args.account);
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        // A fixed name: the data buckets' VPC-endpoint policy exempts this role by ARN.
        name: roleNames(args.prefix).quicksight,
        assumeRolePolicy: accountId.apply((a) => JSON.stringify(assumeRolePolicy("quicksight.amazonaws.com", a))),
      },
      child,
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.name,
        policy: pulumi
          .all([
            accountId,
            region,
            partition,
            args.workgroupName,
            args.goldBucketArn,
            args.resultsBucketArn,
            args.kmsKeyArn,
          ])
          .apply(([a, r, p, wg, gold, results, key]) =>
            JSON.stringify(
              quicksightAthenaPolicy({
                scope: { accountId: a, region: r, partition: p },
                workgroupName: wg,
                goldBucketArn: gold,
                resultsBucketArn: results,
                goldDatabase: args.goldDatabase,
                kmsKeyArn: key,
              }),
            ),
          ),
      },
      child,
    );
    const source = new aws.quicksight.DataSource(
      `${name}-source`,
      {
        dataSourceId: resourceName(args.prefix, "athena"),
        name: `${args.prefix} Athena`,
        type: "ATHENA",
        parameters: { athena: { workGroup: args.workgroupName, roleArn: role.arn } },
        permissions: principals.apply((ps) =>
          ps.map((principal) => ({ principal, actions: DATA_SOURCE_USER_ACTIONS })),
        ),
      },
      { parent: this, dependsOn: [policy] },
    );
    const dataSets = args.views
      .filter((view) => !view.internal)
      .map((view) => ({
        view,
        dataSet: new aws.quicksight.DataSet(
          `${name}-${view.name}`,
          {
            dataSetId: resourceName(args.prefix, view.name.replace(/_/g, "-")),
            name: view.name,
            importMode: "DIRECT_QUERY",
            physicalTableMaps: [
              {
                physicalTableMapId: view.name.replace(/_/g, "-").slice(0, 64),
                relationalTable: {
                  dataSourceArn: source.arn,
                  catalog: "AwsDataCatalog",
                  schema: args.goldDatabase,
                  name: view.name,
                  inputColumns: view.columns.map((c) => ({ name: c.name, type: quicksightColumnType(c.type) })),
                },
              },
            ],
            permissions: principals.apply((ps) =>
              ps.map((principal) => ({ principal, actions: DATASET_VIEWER_ACTIONS })),
            ),
          },
          child,
        ),
      }));
    if (dataSets.length > 0) {
      const dashboard = new awsnative.quicksight.Dashboard(
        `${name}-dashboard`,
        {
          awsAccountId: accountId,
          dashboardId: resourceName(args.prefix, "kpis"),
          name: `${args.prefix} FHIR KPIs`,
          definition: pulumi
            .all(dataSets.map((d) => d.dataSet.arn))
            .apply((arns) => dashboardDefinition(dataSets.map((d, i) => ({ view: d.view, dataSetArn: arns[i] })))),
          permissions: principals.apply((ps) =>
            ps.map((principal) => ({ principal, actions: DASHBOARD_VIEWER_ACTIONS })),
          ),
        },
        {
          parent: this,
          provider: new awsnative.Provider(`${name}-aws-native`, { region: args.region as awsnative.Region }, child),
        },
      );
      this.dashboardId = dashboard.dashboardId;
    } else {
      pulumi.log.warn(
        "QuickSight is enabled but athena/views/ has no *.sql view yet: data source only, no data sets or dashboard",
        this,
      );
    }
    this.dataSourceArn = source.arn;
    this.registerOutputs({ dataSourceArn: this.dataSourceArn, dashboardId: this.dashboardId });
  }
}
