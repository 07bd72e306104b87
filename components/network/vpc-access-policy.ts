import { AccountScope } from "../shared/account";
import { PolicyStatement } from "../shared/policy-document";

/** Where a VPC-attached function or job runs: its subnets and security group. */
export interface VpcPlacement {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
}

/** EC2 describe calls AWS offers no resource-level permissions for; allowed on "*" in the stack's region only. */
export const ENI_DESCRIBE_ACTIONS = [
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeRouteTables",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSubnets",
  "ec2:DescribeVpcEndpoints",
] as const;

/**
 * What Lambda and Glue need to place their network interfaces in the lake's subnets: create them only in the given
 * subnets with the given security group, delete and tag interfaces of this account and region, describe in region;
 * DescribeVpcAttribute (Glue checks the VPC's DNS settings) names its VPC, it has resource-level permissions.
 */
export function vpcAccessStatements(scope: AccountScope, placement: VpcPlacement): PolicyStatement[] {
  const ec2 = `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}`;
  const enis = `${ec2}:network-interface/*`;
  return [
    {
      Sid: "CreateInterfacesInLakeSubnets",
      Effect: "Allow",
      Action: ["ec2:CreateNetworkInterface"],
      Resource: [
        enis,
        ...placement.subnetIds.map((s) => `${ec2}:subnet/${s}`),
        `${ec2}:security-group/${placement.securityGroupId}`,
      ],
    },
    {
      Sid: "ManageOwnInterfaces",
      Effect: "Allow",
      Action: [
        "ec2:AssignPrivateIpAddresses",
        "ec2:CreateTags",
        "ec2:DeleteNetworkInterface",
        "ec2:DeleteTags",
        "ec2:UnassignPrivateIpAddresses",
      ],
      Resource: [enis],
    },
    {
      Sid: "DescribeLakeVpc",
      Effect: "Allow",
      Action: ["ec2:DescribeVpcAttribute"],
      Resource: [`${ec2}:vpc/${placement.vpcId}`],
    },
    {
      Sid: "DescribeNetworkInRegion",
      Effect: "Allow",
      Action: [...ENI_DESCRIBE_ACTIONS],
      Resource: ["*"],
      Condition: { StringEquals: { "aws:RequestedRegion": scope.region } },
    },
  ];
}
