import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CATALOG_ZONES, CatalogZone, glueDatabaseName } from "../shared/names";

/** Arguments of the Glue catalog. */
export interface LakeCatalogArgs {
  /** Prefix of every name; databases are `<prefix with _>_<zone>`. */
  readonly prefix: string;
  /** Bucket name of each catalogued zone, for the databases' location. */
  readonly zoneBuckets: Readonly<Record<CatalogZone, pulumi.Input<string>>>;
}

/**
 * One Glue database per medallion zone. The Hudi tables are catalogued by the jobs themselves (hive sync into
 * their zone's database), so each job role is granted its own database only (components/shared/glue-job-policy.ts).
 */
export class LakeCatalog extends pulumi.ComponentResource {
  /** Database name per zone. */
  public readonly databaseNames: Readonly<Record<CatalogZone, string>>;

  constructor(name: string, args: LakeCatalogArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:catalog:LakeCatalog", name, args, opts);
    const names = {} as Record<CatalogZone, string>;
    for (const zone of CATALOG_ZONES) {
      names[zone] = glueDatabaseName(args.prefix, zone);
      new aws.glue.CatalogDatabase(
        `${name}-${zone}`,
        {
          name: names[zone],
          description: `FHIR lakehouse ${zone} zone: Hudi tables synced by the ${zone} Glue job`,
          locationUri: pulumi.interpolate`s3://${args.zoneBuckets[zone]}/`,
        },
        { parent: this },
      );
    }
    this.databaseNames = names;
    this.registerOutputs({ databaseNames: names });
  }
}
