import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../../config/stack-config";
import PUBLISHED_GOLD from "../../glue-jobs/lakehouse/data/published_gold_tables.json";
import { PeopleAccess } from "../access/people-access";
import { GithubDeployRole } from "../deploy/github-deploy-role";
import { AccountContext } from "../shared/account";
import { DataLakeStorage } from "../storage/data-lake-storage";

/** What the people's roles are scoped to, as the platform has it. */
export interface AccessLayerInputs {
  readonly config: StackConfig;
  readonly account: AccountContext;
  readonly storage: DataLakeStorage;
  readonly databases: Readonly<Record<"bronze" | "silver" | "gold", string>>;
  readonly workgroupName: pulumi.Output<string>;
  readonly viewNames: readonly string[];
  readonly jobNames: readonly string[];
  readonly workflowName: pulumi.Output<string>;
  readonly ingestFunctionName: pulumi.Output<string>;
  readonly auditTableArn: pulumi.Output<string>;
  readonly alertTopicArn: pulumi.Output<string>;
  readonly child: pulumi.ComponentResourceOptions;
}

/** The gold tables the published Athena views read (glue-jobs/lakehouse/data/published_gold_tables.json). */
export const PUBLISHED_GOLD_TABLES: readonly string[] = PUBLISHED_GOLD.tables;

/** The analyst, engineer and break-glass roles (or Identity Center permission sets) of the stack. */
export function buildAccess(name: string, i: AccessLayerInputs): PeopleAccess {
  const b = i.storage.buckets;
  const zones = ["raw", "bronze", "silver", "gold", "quarantine", "athena-results"] as const;
  const resources = pulumi
    .all([
      pulumi.all(Object.fromEntries(zones.map((z) => [z, b[z].arn]))),
      i.workgroupName,
      i.workflowName,
      i.ingestFunctionName,
      i.auditTableArn,
      i.storage.kmsKeyArn,
    ])
    .apply(([buckets, workgroupName, workflowName, ingestFunctionName, auditTableArn, kmsKeyArn]) => ({
      buckets: buckets as Record<(typeof zones)[number], string>,
      workgroupName,
      databases: i.databases,
      publishedGoldTables: [...PUBLISHED_GOLD_TABLES],
      viewNames: [...i.viewNames],
      jobNames: [...i.jobNames],
      workflowName,
      ingestFunctionName,
      auditTableArn,
      kmsKeyArn,
    }));
  return new PeopleAccess(
    `${name}-people`,
    {
      prefix: i.config.prefix,
      account: i.account,
      resources,
      identityCenterInstanceArn: i.config.access.identityCenterInstanceArn,
      breakGlassSessionHours: i.config.access.breakGlassSessionHours,
      alertTopicArn: i.alertTopicArn,
    },
    i.child,
  );
}

/** Buckets whose objects the deploy role may never read: the zones, and Athena results (query output is data too). */
export const DEPLOY_UNREADABLE_ZONES = ["raw", "bronze", "silver", "gold", "quarantine", "athena-results"] as const;

/** The role GitHub Actions deploys the stack with (config deploy); it never reads the lake's data. */
export function buildDeployRole(name: string, i: AccessLayerInputs): GithubDeployRole {
  const d = i.config.deploy;
  const b = i.storage.buckets;
  return new GithubDeployRole(
    `${name}-deploy`,
    {
      prefix: i.config.prefix,
      account: i.account,
      subject: { repository: d.githubRepository, branch: d.branch, environment: d.githubEnvironment },
      createOidcProvider: d.createOidcProvider,
      dataBucketArns: DEPLOY_UNREADABLE_ZONES.map((z) => b[z].arn),
      auditTableArn: i.auditTableArn,
    },
    i.child,
  );
}
