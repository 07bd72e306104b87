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
  pullRequestSubject,
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

/** What each CI role is for: its children's name prefix, its AWS managed policy and that attachment's name. */
interface CiRole {
  readonly prefix: string;
  readonly purpose: string;
  readonly managedPolicy: string;
  readonly attachment: string;
}

const CI_ROLES: Readonly<Record<"deploy" | "preview", CiRole>> = {
  deploy: { prefix: "", purpose: "pulumi up", managedPolicy: "AdministratorAccess", attachment: "administrator" },
  preview: { prefix: "preview-", purpose: "pulumi preview", managedPolicy: "ReadOnlyAccess", attachment: "readonly" },
};

/**
 * GitHub's OIDC provider and the two roles CI runs as, with no stored AWS keys and 1-hour sessions: `<prefix>-deploy`
 * for `pulumi up`, trusted by one repository's branch (or approval-gated environment), and `<prefix>-preview` for
 * `pulumi preview` on pull requests, read-only. Deploying a whole platform needs broad rights (AdministratorAccess;
 * ReadOnlyAccess for the preview: the documented exceptions in policy/iam-wildcard-exceptions.json); guardrails deny
 * both the lake's data and changes to themselves.
 */
export class GithubDeployRole extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;
  public readonly previewRoleArn: pulumi.Output<string>;

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
    const names = roleNames(args.prefix);
    const role = (ci: CiRole, roleName: string, subject: string) => {
      const r = new aws.iam.Role(
        `${name}-${ci.prefix}role`,
        {
          name: roleName,
          description: `${ci.purpose} from GitHub Actions (${subject})`,
          maxSessionDuration: 3600,
          assumeRolePolicy: providerArn.apply((p) => JSON.stringify(githubTrustPolicy(p, [subject]))),
        },
        child,
      );
      new aws.iam.RolePolicyAttachment(
        `${name}-${ci.prefix}${ci.attachment}`,
        { role: r.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${ci.managedPolicy}` },
        child,
      );
      new aws.iam.RolePolicy(
        `${name}-${ci.prefix}guardrails`,
        {
          role: r.name,
          policy: pulumi
            .all([args.dataBucketArns, args.auditTableArn, partition, accountId])
            .apply(([buckets, table, p, a]) =>
              JSON.stringify(deployGuardrailPolicy(buckets, table, iamRoleArn(p, a, roleName))),
            ),
        },
        child,
      );
      return r;
    };
    const deploy = role(CI_ROLES.deploy, names.deploy, githubSubject(args.subject));
    const preview = role(CI_ROLES.preview, names.preview, pullRequestSubject(args.subject.repository));
    this.roleArn = deploy.arn;
    this.previewRoleArn = preview.arn;
    this.registerOutputs({ roleArn: this.roleArn, previewRoleArn: this.previewRoleArn });
  }
}
