import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { iamRoleArn, roleNames } from "../shared/role-names";
import {
  GITHUB_OIDC_HOST,
  GithubSubject,
  deployGuardrailPolicy,
  githubSubject,
  githubTrustPolicy,
} from "./deploy-policies";

/** Arguments of the deploy role. */
export interface GithubDeployRoleArgs {
  readonly prefix: string;
  readonly account: AccountContext;
  /** The repository and branch or environment whose workflow runs may deploy (config deploy). */
  readonly subject: GithubSubject;
  /** true: declare GitHub's OIDC provider (one per account); false: it exists already. */
  readonly createOidcProvider: boolean;
  /** Buckets whose objects and the audit table whose items the role must never read. */
  readonly dataBucketArns: pulumi.Input<pulumi.Input<string>[]>;
  readonly auditTableArn: pulumi.Input<string>;
}

/**
 * GitHub's OIDC provider and the role `pulumi up` runs as in CI: no stored AWS keys, trust limited to one repository
 * and branch (or approval-gated environment), 1-hour sessions. Deploying a whole platform needs broad rights
 * (AdministratorAccess, the documented exception in policy/iam-wildcard-exceptions.json); guardrails deny it the
 * lake's data and changes to itself.
 */
export class GithubDeployRole extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: GithubDeployRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:deploy:GithubDeployRole", name, {}, opts);
    const child = { parent: this };
    const { accountId, partition } = args.account;
    const providerArn = args.createOidcProvider
      ? new aws.iam.OpenIdConnectProvider(
          `${name}-github-oidc`,
          { url: `https://${GITHUB_OIDC_HOST}`, clientIdLists: ["sts.amazonaws.com"] },
          child,
        ).arn
      : pulumi.interpolate`arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
    const roleName = roleNames(args.prefix).deploy;
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: roleName,
        description: `pulumi up from GitHub Actions (${githubSubject(args.subject)})`,
        maxSessionDuration: 3600,
        assumeRolePolicy: providerArn.apply((p) => JSON.stringify(githubTrustPolicy(p, [githubSubject(args.subject)]))),
      },
      child,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-administrator`,
      { role: role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AdministratorAccess` },
      child,
    );
    new aws.iam.RolePolicy(
      `${name}-guardrails`,
      {
        role: role.name,
        policy: pulumi
          .all([args.dataBucketArns, args.auditTableArn, partition, accountId])
          .apply(([buckets, table, p, a]) =>
            JSON.stringify(deployGuardrailPolicy(buckets, table, iamRoleArn(p, a, roleName))),
          ),
      },
      child,
    );
    this.roleArn = role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
