import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { PolicyDocument } from "../shared/policy-document";
import { resourceName } from "../shared/names";
import { iamRoleArn, identityCenterRoleArnPattern, roleNames } from "../shared/role-names";
import { breakGlassAlertTransformer, breakGlassAssumedPattern } from "./break-glass-alert";
import { LakeResources, analystPolicy, breakGlassPolicy, engineerPolicy } from "./people-policies";
import { peopleTrustPolicy } from "./people-trust";

/** Arguments of the people's access. */
export interface PeopleAccessArgs {
  readonly prefix: string;
  readonly account: AccountContext;
  /** What the roles are scoped to (the account fields come from `account`). */
  readonly resources: pulumi.Input<Omit<LakeResources, "scope">>;
  /** Identity Center instance: permission sets there; null: IAM roles assumable with MFA by the account. */
  readonly identityCenterInstanceArn: string | null;
  /** Longest break-glass session (the others get 8 hours). */
  readonly breakGlassSessionHours: number;
  /** The alert topic every break-glass use is sent to. */
  readonly alertTopicArn: pulumi.Input<string>;
}

/** Name of the EventBridge rule alerting on break-glass use (fixed: the topic policy names its ARN up front). */
export function breakGlassRuleName(prefix: string): string {
  return resourceName(prefix, "break-glass-used");
}

const WORK_SESSION_HOURS = 8;

/** The analyst, engineer and break-glass roles (or permission sets), and the alert on every break-glass use. */
export class PeopleAccess extends pulumi.ComponentResource {
  /** ARN of each role or permission set, by person role. */
  public readonly arns: Readonly<Record<"analyst" | "engineer" | "breakGlass", pulumi.Output<string>>>;

  constructor(name: string, args: PeopleAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:access:PeopleAccess", name, {}, opts);
    const { accountId, region, partition } = args.account;
    const names = roleNames(args.prefix);
    const doc = (build: (r: LakeResources) => PolicyDocument) =>
      pulumi
        .all([accountId, region, partition, pulumi.output(args.resources)])
        .apply(([a, r, p, res]) =>
          JSON.stringify(
            build({ ...(res as Omit<LakeResources, "scope">), scope: { accountId: a, region: r, partition: p } }),
          ),
        );
    const people = [
      { key: "analyst", role: names.analyst, policy: doc(analystPolicy), hours: WORK_SESSION_HOURS },
      { key: "engineer", role: names.engineer, policy: doc(engineerPolicy), hours: WORK_SESSION_HOURS },
      { key: "breakGlass", role: names.breakGlass, policy: doc(breakGlassPolicy), hours: args.breakGlassSessionHours },
    ] as const;
    const arns = Object.fromEntries(
      people.map((p) => [p.key, this.person(name, args, p.role, p.policy, p.hours)]),
    ) as Record<(typeof people)[number]["key"], pulumi.Output<string>>;
    const breakGlassArn = pulumi
      .all([partition, accountId])
      .apply(([p, a]) =>
        args.identityCenterInstanceArn === null
          ? iamRoleArn(p, a, names.breakGlass)
          : identityCenterRoleArnPattern(p, a, names.breakGlass),
      );
    const rule = new aws.cloudwatch.EventRule(
      `${name}-break-glass-used`,
      {
        name: breakGlassRuleName(args.prefix),
        description: "The break-glass role was assumed",
        eventPattern: breakGlassArn.apply(breakGlassAssumedPattern),
      },
      { parent: this },
    );
    new aws.cloudwatch.EventTarget(
      `${name}-break-glass-used-target`,
      { rule: rule.name, arn: args.alertTopicArn, inputTransformer: breakGlassAlertTransformer(args.prefix) },
      { parent: this },
    );
    this.arns = arns;
    this.registerOutputs({ arns });
  }

  /** One person role: an IAM role with its inline policy, or a permission set with it. */
  private person(
    name: string,
    args: PeopleAccessArgs,
    roleName: string,
    policy: pulumi.Output<string>,
    hours: number,
  ): pulumi.Output<string> {
    const child = { parent: this };
    if (args.identityCenterInstanceArn !== null) {
      const set = new aws.ssoadmin.PermissionSet(
        `${name}-${roleName}`,
        { name: roleName, instanceArn: args.identityCenterInstanceArn, sessionDuration: `PT${hours}H` },
        child,
      );
      new aws.ssoadmin.PermissionSetInlinePolicy(
        `${name}-${roleName}-policy`,
        { instanceArn: args.identityCenterInstanceArn, permissionSetArn: set.arn, inlinePolicy: policy },
        child,
      );
      return set.arn;
    }
    const role = new aws.iam.Role(
      `${name}-${roleName}`,
      {
        name: roleName,
        maxSessionDuration: hours * 3600,
        assumeRolePolicy: pulumi
          .all([args.account.partition, args.account.accountId])
          .apply(([p, a]) => JSON.stringify(peopleTrustPolicy(p, a))),
      },
      child,
    );
    new aws.iam.RolePolicy(`${name}-${roleName}-policy`, { role: role.name, policy }, child);
    return role.arn;
  }
}
