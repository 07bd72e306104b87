import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AthenaViewFile, hiveType, prestoViewOriginalText } from "../shared/athena-views";
import { athenaWorkgroupName } from "../shared/names";

/** Arguments of the analytics layer. */
export interface AthenaAnalyticsArgs {
  readonly prefix: string;
  /** Bucket for query results (SSE-KMS enforced by the workgroup). */
  readonly resultsBucketName: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Queries stop after scanning this many MB (config analytics.bytesScannedCutoffMb). */
  readonly bytesScannedCutoffMb: number;
  /** Database holding the gold tables and the published views. */
  readonly goldDatabase: string;
  /** The views of athena/views/*.sql, one Glue VIRTUAL_VIEW each. Default none. */
  readonly views?: readonly AthenaViewFile[];
  /** true: `pulumi destroy` deletes the workgroup with its saved queries (dev). Default false. */
  readonly forceDestroy?: boolean;
}

/**
 * The Athena workgroup (enforced settings, SSE-KMS results, scan cutoff), the published views and a preview query per
 * view.
 */
export class AthenaAnalytics extends pulumi.ComponentResource {
  public readonly workgroupName: pulumi.Output<string>;
  /** Names of the declared views. */
  public readonly viewNames: readonly string[];

  constructor(name: string, args: AthenaAnalyticsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:analytics:AthenaAnalytics", name, args, opts);
    const child = { parent: this };
    const workgroup = new aws.athena.Workgroup(
      `${name}-workgroup`,
      {
        name: athenaWorkgroupName(args.prefix),
        forceDestroy: args.forceDestroy ?? false,
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: args.bytesScannedCutoffMb * 1024 * 1024,
          engineVersion: { selectedEngineVersion: "Athena engine version 3" },
          resultConfiguration: {
            outputLocation: pulumi.interpolate`s3://${args.resultsBucketName}/results/`,
            encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: args.kmsKeyArn },
          },
        },
      },
      child,
    );
    const views = args.views ?? [];
    for (const view of views) {
      new aws.glue.CatalogTable(
        `${name}-view-${view.name}`,
        {
          name: view.name,
          databaseName: args.goldDatabase,
          tableType: "VIRTUAL_VIEW",
          parameters: { presto_view: "true", comment: "Presto View" },
          viewOriginalText: prestoViewOriginalText(view, args.goldDatabase),
          viewExpandedText: "/* Presto View */",
          storageDescriptor: { columns: view.columns.map((c) => ({ name: c.name, type: hiveType(c.type) })) },
        },
        child,
      );
      new aws.athena.NamedQuery(
        `${name}-preview-${view.name}`,
        {
          name: `preview ${view.name}`,
          workgroup: workgroup.name,
          database: args.goldDatabase,
          query: `SELECT * FROM "${args.goldDatabase}"."${view.name}" LIMIT 100`,
        },
        child,
      );
    }
    this.workgroupName = workgroup.name;
    this.viewNames = views.map((v) => v.name);
    this.registerOutputs({ workgroupName: this.workgroupName, viewNames: this.viewNames });
  }
}
