import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../../config/stack-config";
import { PrivateNetwork } from "../network/private-network";
import { VpcPlacement } from "../network/vpc-access-policy";
import { AccountContext } from "../shared/account";
import { iamRoleArn, identityCenterRoleArnPattern, roleNames } from "../shared/role-names";
import { EndpointRestriction } from "../storage/bucket-policies";

/** What the platform's other components take from the private network. */
export interface NetworkLayer {
  readonly network: PrivateNetwork;
  /** Subnets and security group of the Lambda and the Glue jobs' interfaces. */
  readonly placement: pulumi.Output<VpcPlacement>;
  /** The data buckets' restriction: the S3 gateway endpoint, or the deploy, QuickSight and break-glass roles. */
  readonly endpointOnly: pulumi.Output<EndpointRestriction>;
}

/** The roles that reach the data buckets from outside the VPC: deploy (CI), QuickSight, break-glass (alerted). */
export function exemptRoleArns(c: StackConfig, partition: string, accountId: string): string[] {
  const names = roleNames(c.prefix);
  const breakGlass =
    c.access.identityCenterInstanceArn === null
      ? iamRoleArn(partition, accountId, names.breakGlass)
      : identityCenterRoleArnPattern(partition, accountId, names.breakGlass);
  return [
    iamRoleArn(partition, accountId, names.deploy),
    iamRoleArn(partition, accountId, names.quicksight),
    breakGlass,
  ];
}

/** The private network when config network.enabled (prod), else undefined: the public endpoints (dev). */
export function buildNetwork(
  name: string,
  c: StackConfig,
  account: AccountContext,
  child: pulumi.ComponentResourceOptions,
): NetworkLayer | undefined {
  if (!c.network.enabled) return undefined;
  const network = new PrivateNetwork(
    `${name}-network`,
    { account, cidrBlock: c.network.cidrBlock, zones: c.network.zones, streaming: c.network.streaming },
    child,
  );
  const placement = pulumi
    .all([network.vpcId, network.subnetIds, network.securityGroupId])
    .apply(([vpcId, subnetIds, securityGroupId]) => ({ vpcId, subnetIds, securityGroupId }));
  const endpointOnly = pulumi
    .all([network.s3EndpointId, account.partition, account.accountId])
    .apply(([endpoint, p, a]) => ({ endpointIds: [endpoint], exemptRoleArns: exemptRoleArns(c, p, a) }));
  return { network, placement, endpointOnly };
}
