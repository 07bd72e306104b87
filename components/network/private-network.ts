import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { GATEWAY_SERVICES, INTERFACE_SERVICES, STREAMING_SERVICE, endpointPolicy } from "./endpoint-policy";

/** Arguments of the lake's private network. */
export interface PrivateNetworkArgs {
  readonly account: AccountContext;
  /** CIDR of the VPC, e.g. 10.40.0.0/16. */
  readonly cidrBlock: string;
  /** Availability zones with one isolated subnet each (at least 2). */
  readonly zones: number;
  /** true: a Kinesis interface endpoint as well. */
  readonly streaming: boolean;
}

/**
 * A VPC with isolated subnets only (no NAT, no internet gateway route): the jobs and the Lambda reach AWS through
 * VPC endpoints, each limited to this account.
 */
export class PrivateNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly subnetIds: pulumi.Output<string[]>;
  public readonly securityGroupId: pulumi.Output<string>;
  /** Endpoint ids the data buckets accept requests through (S3 gateway). */
  public readonly s3EndpointId: pulumi.Output<string>;
  /** The Glue NETWORK connection the jobs attach through (first subnet, the lake security group). */
  public readonly glueConnectionName: pulumi.Output<string>;

  constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fhirlake:network:PrivateNetwork", name, {}, opts);
    const child = { parent: this };
    const vpc = new awsx.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.cidrBlock,
        numberOfAvailabilityZones: args.zones,
        natGateways: { strategy: awsx.ec2.NatGatewayStrategy.None },
        subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
        subnetSpecs: [{ type: awsx.ec2.SubnetType.Isolated, cidrMask: 22 }],
        enableDnsHostnames: true,
        enableDnsSupport: true,
      },
      child,
    );
    const { accountId, region } = args.account;
    // Traffic to a gateway endpoint leaves for the service's public addresses (routed by the route tables), so
    // the group must let HTTPS out to the services' managed prefix lists, not only inside the VPC.
    const gatewayPrefixLists = GATEWAY_SERVICES.map(
      (svc) => aws.ec2.getPrefixListOutput({ name: pulumi.interpolate`com.amazonaws.${region}.${svc}` }, child).id,
    );
    // Glue needs a self-referencing rule between its workers; HTTPS inside the VPC reaches the endpoints.
    const sg = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: vpc.vpcId,
        description: "Glue workers, ingest Lambda and interface endpoints",
        ingress: [
          { protocol: "-1", fromPort: 0, toPort: 0, self: true, description: "Glue workers" },
          { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [args.cidrBlock], description: "endpoints" },
        ],
        egress: [
          { protocol: "-1", fromPort: 0, toPort: 0, self: true, description: "Glue workers" },
          { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [args.cidrBlock], description: "endpoints" },
          {
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            prefixListIds: gatewayPrefixLists,
            description: "S3 and DynamoDB through the gateway endpoints",
          },
        ],
      },
      child,
    );
    const routeTables = aws.ec2.getRouteTablesOutput({ vpcId: vpc.vpcId }, child);
    const policy = (svc: string) => accountId.apply((a) => JSON.stringify(endpointPolicy(svc, a)));
    const gateways = GATEWAY_SERVICES.map(
      (svc) =>
        new aws.ec2.VpcEndpoint(
          `${name}-${svc}`,
          {
            vpcId: vpc.vpcId,
            serviceName: pulumi.interpolate`com.amazonaws.${region}.${svc}`,
            vpcEndpointType: "Gateway",
            routeTableIds: routeTables.ids,
            policy: policy(svc),
          },
          child,
        ),
    );
    for (const svc of [...INTERFACE_SERVICES, ...(args.streaming ? [STREAMING_SERVICE] : [])]) {
      new aws.ec2.VpcEndpoint(
        `${name}-${svc.iam}`,
        {
          vpcId: vpc.vpcId,
          serviceName: pulumi.interpolate`com.amazonaws.${region}.${svc.endpoint}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: vpc.isolatedSubnetIds,
          securityGroupIds: [sg.id],
          policy: policy(svc.iam),
        },
        child,
      );
    }
    // A Glue connection names one subnet; Glue needs its zone too (the API still requires it).
    const subnetId = vpc.isolatedSubnetIds.apply((ids) => ids[0]);
    const subnet = aws.ec2.getSubnetOutput({ id: subnetId }, child);
    const connection = new aws.glue.Connection(
      `${name}-glue`,
      {
        connectionType: "NETWORK",
        description: "Glue jobs in the lake's isolated subnets",
        physicalConnectionRequirements: {
          subnetId,
          availabilityZone: subnet.availabilityZone,
          securityGroupIdLists: [sg.id],
        },
      },
      child,
    );
    this.vpcId = vpc.vpcId;
    this.glueConnectionName = connection.name;
    this.subnetIds = vpc.isolatedSubnetIds;
    this.securityGroupId = sg.id;
    this.s3EndpointId = gateways[0].id;
    this.registerOutputs({ vpcId: this.vpcId, subnetIds: this.subnetIds, glueConnectionName: this.glueConnectionName });
  }
}
