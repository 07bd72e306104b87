import * as pulumi from "@pulumi/pulumi";

/**
 * The deploying account, region and partition, looked up once (aws.getCallerIdentity/getRegion/getPartition), never
 * hard-coded.
 */
export interface AccountContext {
  readonly accountId: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
}

/** ARN parts of the deploying account and region. */
export interface AccountScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}
