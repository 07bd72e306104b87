import { StackValidationPolicy } from "@pulumi/policy";
import { StackResource, T, list, networkOn, statements } from "./stack-view";

/** A mandatory whole-stack rule; `check` returns [urn, message] pairs. */
export function stackRule(
  name: string,
  description: string,
  check: (rs: readonly StackResource[]) => [string, string][],
): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
      for (const [urn, message] of check(args.resources as unknown as StackResource[])) report(message, urn);
    },
  };
}

/** The endpoints a private lake needs (issue 14): gateways for S3 and DynamoDB, interfaces with private DNS. */
export const REQUIRED_ENDPOINTS: Readonly<Record<string, "Gateway" | "Interface">> = {
  s3: "Gateway",
  dynamodb: "Gateway",
  glue: "Interface",
  kms: "Interface",
  logs: "Interface",
  monitoring: "Interface",
  sts: "Interface",
  secretsmanager: "Interface",
};

/** Subnets the interface endpoints sit in: the lake's private subnets. */
const privateSubnets = (rs: readonly StackResource[]) =>
  new Set(rs.filter((r) => r.type === T.endpoint).flatMap((r) => list(r.props.subnetIds)));

export const privatePlacement = stackRule(
  "network-private-placement",
  "With the private network on, every Lambda and Glue job runs in the lake's private subnets",
  (rs) => {
    if (!networkOn(rs)) return [];
    const subnets = privateSubnets(rs);
    const out: [string, string][] = [];
    for (const f of rs.filter((r) => r.type === T.lambda)) {
      const vpc = f.props.vpcConfig;
      const ids = list(vpc?.subnetIds);
      if (ids.length === 0 || list(vpc?.securityGroupIds).length === 0)
        out.push([f.urn, `${f.name}: Lambda is not in the VPC (no subnets or security group)`]);
      for (const id of ids.filter((s) => !subnets.has(s))) out.push([f.urn, `${f.name}: subnet ${id} is not private`]);
    }
    for (const j of rs.filter((r) => r.type === T.job && list(r.props.connections).length === 0))
      out.push([j.urn, `${j.name}: Glue job has no NETWORK connection`]);
    for (const c of rs.filter((r) => r.type === T.connection && r.props.connectionType === "NETWORK")) {
      const id = c.props.physicalConnectionRequirements?.subnetId;
      if (!subnets.has(id)) out.push([c.urn, `${c.name}: connection subnet ${id} is not private`]);
    }
    return out;
  },
);

/** An endpoint policy's Allows must each be held to this account's principals and resources. */
function accountScopeProblems(policy: unknown): string[] {
  const open = statements(policy).filter((s) => {
    const eq = s.Condition?.StringEquals ?? {};
    return s.Effect === "Allow" && !(eq["aws:PrincipalAccount"] && eq["aws:ResourceAccount"]);
  });
  return open.length === 0 ? [] : ["policy allows principals or resources outside this account"];
}

export const requiredEndpoints = stackRule(
  "network-required-endpoints",
  "With the private network on, every required VPC endpoint exists, with a policy held to this account (and " +
    "private DNS if interface)",
  (rs) => {
    if (!networkOn(rs)) return [];
    const wanted = {
      ...REQUIRED_ENDPOINTS,
      ...(rs.some((r) => r.type === T.kinesis) ? { "kinesis-streams": "Interface" } : {}),
    };
    const endpoints = rs.filter((r) => r.type === T.endpoint);
    const stack = rs[0]?.urn ?? "";
    return Object.entries(wanted).flatMap(([svc, kind]): [string, string][] => {
      const e = endpoints.find((x) => String(x.props.serviceName).endsWith(`.${svc}`));
      if (e === undefined) return [[stack, `no ${svc} VPC endpoint`]];
      const problems = [
        ...(e.props.vpcEndpointType === kind ? [] : [`is not a ${kind} endpoint`]),
        ...(e.props.policy ? accountScopeProblems(e.props.policy) : ["has no endpoint policy"]),
        ...(kind === "Interface" && e.props.privateDnsEnabled !== true ? ["has no private DNS"] : []),
      ];
      return problems.map((p) => [e.urn, `${e.name}: ${svc} endpoint ${p}`]);
    });
  },
);

const DATA_ZONE_POLICY = /-(raw|bronze|silver|gold|quarantine)-policy$/;
/** Roles a data bucket may serve outside the endpoints: deploy, QuickSight, break-glass (IAM or Identity Center). */
const EXEMPT_ROLE = new RegExp(
  ":role/(?:[\\w+=,.@-]+-(?:deploy|quicksight-athena|break-glass)" +
    "|aws-reserved/sso\\.amazonaws\\.com/\\*AWSReservedSSO_[\\w+=,.@-]+-break-glass_\\*)$",
);

export const endpointOnlyBuckets = stackRule(
  "s3-data-buckets-endpoint-only",
  "With the private network on, data bucket policies deny requests not through a VPC endpoint, except named roles",
  (rs) => {
    if (!networkOn(rs)) return [];
    return rs
      .filter((r) => r.type === T.bucketPolicy && DATA_ZONE_POLICY.test(r.name))
      .flatMap((p): [string, string][] => {
        const deny = statements(p.props.policy).find(
          (s) =>
            s.Effect === "Deny" &&
            s.Principal === "*" &&
            list(s.Action).includes("s3:*") &&
            s.Condition?.StringNotEquals?.["aws:SourceVpce"],
        );
        if (deny === undefined) return [[p.urn, `${p.name}: no Deny of s3:* without aws:SourceVpce`]];
        if (list(deny.Condition.StringNotEquals["aws:SourceVpce"]).length === 0)
          return [[p.urn, `${p.name}: the endpoint list is empty`]];
        const exempt = list(deny.Condition.ArnNotLike?.["aws:PrincipalArn"]);
        return exempt
          .filter((a) => !EXEMPT_ROLE.test(a))
          .map((a) => [p.urn, `${p.name}: ${a} is not a named exempt role`]);
      });
  },
);

/** The network rules of the pack. */
export const networkPolicies = [privatePlacement, requiredEndpoints, endpointOnlyBuckets];
