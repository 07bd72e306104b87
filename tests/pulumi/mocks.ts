import * as pulumi from "@pulumi/pulumi";

/** The fake account and region every mocked stack runs in. */
export const MOCK_ACCOUNT = "123456789012";
export const MOCK_REGION = "us-east-1";

/** One resource the program registered, with its inputs. */
export interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly custom: boolean;
  /** Output values the mock computed (name, arn, bucket...). */
  readonly state: Record<string, unknown>;
}

/** Physical names and ARNs the way AWS would compute them, so policies and outputs have concrete values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function computed(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  const physical = inputs.name ?? `${name}-0000000`;
  const service = type.split(":")[1]?.split("/")[0] ?? "x";
  const base: Record<string, unknown> = {
    name: physical,
    arn: `arn:aws:${service}:${MOCK_REGION}:${MOCK_ACCOUNT}:${physical}`,
  };
  if (type === "aws:s3/bucket:Bucket") return { bucket: physical, arn: `arn:aws:s3:::${physical}` };
  if (type === "aws:kms/key:Key")
    return { keyId: `key-${name}`, arn: `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT}:key/key-${name}` };
  if (type === "aws:dynamodb/table:Table")
    return { ...base, arn: `arn:aws:dynamodb:${MOCK_REGION}:${MOCK_ACCOUNT}:table/${physical}` };
  if (type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider")
    return { arn: `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}` };
  if (type === "aws:iam/role:Role") return { ...base, arn: `arn:aws:iam::${MOCK_ACCOUNT}:role/${physical}` };
  if (type === "aws:cloudwatch/logGroup:LogGroup")
    return { ...base, arn: `arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT}:log-group:${physical}` };
  if (type === "aws:cloudwatch/eventRule:EventRule")
    return { ...base, arn: `arn:aws:events:${MOCK_REGION}:${MOCK_ACCOUNT}:rule/${physical}` };
  if (type === "aws:cloudwatch/metricAlarm:MetricAlarm")
    return { ...base, arn: `arn:aws:cloudwatch:${MOCK_REGION}:${MOCK_ACCOUNT}:alarm:${physical}` };
  if (type === "aws:sns/topic:Topic") return { ...base, arn: `arn:aws:sns:${MOCK_REGION}:${MOCK_ACCOUNT}:${physical}` };
  // awsx components are remote: under mocks each is one resource, so its outputs are given here.
  if (type === "awsx:ec2:Vpc")
    return {
      vpcId: "vpc-0mock",
      isolatedSubnetIds: ["subnet-a", "subnet-b", "subnet-c"].slice(0, Number(inputs.numberOfAvailabilityZones ?? 2)),
      privateSubnetIds: [],
      publicSubnetIds: [],
    };
  if (type === "aws-native:quicksight:Dashboard") return { dashboardId: inputs.dashboardId };
  if (type === "aws:redshiftserverless/workgroup:Workgroup")
    return {
      ...base,
      endpoints: [
        { address: `${physical}.${MOCK_ACCOUNT}.${MOCK_REGION}.redshift-serverless.amazonaws.com`, port: inputs.port },
      ],
    };
  if (type === "aws:redshiftserverless/namespace:Namespace")
    return {
      ...base,
      adminPasswordSecretArn: `arn:aws:secretsmanager:${MOCK_REGION}:${MOCK_ACCOUNT}:secret:redshift!${physical}`,
    };
  if (type === "random:index/randomPassword:RandomPassword") return { result: "Mock-Password-0123456789" };
  return base;
}

/**
 * Pulumi mocks that record every registered resource and answer the three account lookups the program makes;
 * any other call throws, so a new data source cannot slip in untested.
 */
export class RecordingMocks implements pulumi.runtime.Mocks {
  readonly resources: Recorded[] = [];
  /** protect/retainOnDelete per `type::name`, filled by optionRecorder. */
  readonly options = new Map<string, { protect: boolean; retainOnDelete: boolean }>();

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const state = { ...args.inputs, ...computed(args.type, args.name, args.inputs) };
    const existing = this.resources.find((r) => r.type === args.type && r.name === args.name);
    if (existing) Object.assign(existing.inputs, args.inputs);
    else
      this.resources.push({
        type: args.type,
        name: args.name,
        inputs: args.inputs,
        custom: args.custom ?? true,
        state,
      });
    const id = args.type === "aws:s3/bucket:Bucket" ? String(state.bucket) : `${args.name}-id`;
    return { id, state };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    switch (args.token) {
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return {
          accountId: MOCK_ACCOUNT,
          arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/deployer`,
          userId: "AIDEXAMPLE",
          id: MOCK_ACCOUNT,
        };
      case "aws:index/getRegion:getRegion":
        return {
          name: MOCK_REGION,
          region: MOCK_REGION,
          id: MOCK_REGION,
          endpoint: `ec2.${MOCK_REGION}.amazonaws.com`,
        };
      case "aws:index/getPartition:getPartition":
        return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
      case "aws:ec2/getRouteTables:getRouteTables":
        return { ids: ["rtb-a", "rtb-b"], vpcId: args.inputs.vpcId, id: "rtb" };
      case "aws:ec2/getPrefixList:getPrefixList":
        return { id: `pl-${String(args.inputs.name).split(".").pop()}`, name: args.inputs.name, cidrBlocks: [] };
      case "aws:ec2/getSubnet:getSubnet":
        return { id: args.inputs.id, availabilityZone: `${MOCK_REGION}${String(args.inputs.id).slice(-1)}` };
      default:
        throw new Error(`unexpected call in mocks: ${args.token}`);
    }
  }

  /** Custom resources of one type. */
  ofType(type: string): Recorded[] {
    return this.resources.filter((r) => r.type === type && r.custom);
  }

  /** The one resource of a type whose logical name ends with `suffix`; throws if there is not exactly one. */
  one(type: string, suffix: string): Recorded {
    const found = this.ofType(type).filter((r) => r.name.endsWith(suffix));
    if (found.length !== 1)
      throw new Error(`expected one ${type} named *${suffix}, found ${found.map((r) => r.name).join(", ") || "none"}`);
    return found[0];
  }
}

/** Installs fresh recording mocks for a stack and returns them. */
export async function useMocks(stack = "dev"): Promise<RecordingMocks> {
  const mocks = new RecordingMocks();
  await pulumi.runtime.setMocks(mocks, "fhir-lakehouse", stack, false);
  return mocks;
}

/** A legacy transformation recording each child's protect/retainOnDelete (mocks never see resource options). */
export function optionRecorder(mocks: RecordingMocks): pulumi.ResourceTransformation {
  return (a) => {
    mocks.options.set(`${a.type}::${a.name}`, {
      protect: a.opts.protect === true,
      retainOnDelete: a.opts.retainOnDelete === true,
    });
    return undefined;
  };
}

/** Waits until no new resource has been registered for a few ticks (all applies and registrations done). */
export async function settle(mocks: RecordingMocks): Promise<void> {
  let last = -1;
  let stable = 0;
  while (stable < 3) {
    await new Promise((r) => setTimeout(r, 15));
    const size =
      JSON.stringify(mocks.resources.map((r) => Object.keys(r.inputs).length)).length + mocks.resources.length;
    stable = size === last ? stable + 1 : 0;
    last = size;
  }
}

/** Resolves an Output's value in mocks. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}
