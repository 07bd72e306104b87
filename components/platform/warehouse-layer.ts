import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../../config/stack-config";
import { AccountContext } from "../shared/account";
import { DataLakeStorage } from "../storage/data-lake-storage";
import { RedshiftWarehouse } from "../warehouse/redshift-warehouse";
import { PUBLISHED_GOLD_TABLES } from "./access-layer";
import { NetworkLayer } from "./network-layer";

/** Redshift Serverless over gold when config warehouse.enabled (prod), in the private network; else undefined. */
export function buildWarehouse(
  name: string,
  c: StackConfig,
  i: {
    account: AccountContext;
    storage: DataLakeStorage;
    goldDatabase: string;
    net: NetworkLayer | undefined;
    child: pulumi.ComponentResourceOptions;
  },
): RedshiftWarehouse | undefined {
  if (!c.warehouse.enabled) return undefined;
  // The config schema already ties the warehouse to the network; this guards programs built from other configs.
  if (i.net === undefined) throw new Error("warehouse.enabled needs network.enabled: Redshift runs in the VPC");
  return new RedshiftWarehouse(
    `${name}-warehouse`,
    {
      prefix: c.prefix,
      account: i.account,
      kmsKeyArn: i.storage.kmsKeyArn,
      goldDatabase: i.goldDatabase,
      goldBucketArn: i.storage.buckets.gold.arn,
      publishedTables: PUBLISHED_GOLD_TABLES,
      placement: i.net.placement,
      baseCapacityRpu: c.warehouse.baseCapacityRpu,
      maxCapacityRpu: c.warehouse.maxCapacityRpu,
      quicksightPrincipals: c.dashboards.quicksightEnabled ? c.dashboards.quicksightPrincipals : null,
    },
    i.child,
  );
}
