import { loadStackConfig } from "../config/load-config";
import {
  athenaWorkgroupName,
  auditTableName,
  glueDatabaseName,
  medallionWorkflowName,
} from "../components/shared/names";

/** The physical names of a deployed stack's parts, from config/<stack>.json and the components' naming rules. */
export interface StackNames {
  readonly region: string;
  readonly workgroup: string;
  readonly goldDatabase: string;
  readonly auditTable: string;
  readonly workflow: string;
}

export const STACKS = ["dev", "prod"] as const;

export function stackNames(stack: string): StackNames {
  const config = loadStackConfig(stack);
  return {
    region: config.awsRegion,
    workgroup: athenaWorkgroupName(config.prefix),
    goldDatabase: glueDatabaseName(config.prefix, "gold"),
    auditTable: auditTableName(config.prefix),
    workflow: medallionWorkflowName(config.prefix),
  };
}
