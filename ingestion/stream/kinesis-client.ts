/** The Kinesis client of the stream tools: AWS by default, or an endpoint such as the local stand-in. */
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";

export interface KinesisTarget {
  readonly region: string;
  /** An endpoint URL (the local stand-in, a VPC endpoint); none: the region's public endpoint. */
  readonly endpoint?: string;
}

const LOCAL = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/;

/**
 * A client whose retries the caller owns (maxAttempts 1: PutRecords fails per record, and only the failed records
 * may be sent again). A custom endpoint is spoken to over HTTP/1.1: the SDK's default HTTP/2 handler for Kinesis
 * fails against a plain HTTP server. A local endpoint with no credentials in the environment gets placeholder ones.
 */
export function kinesisClient(target: KinesisTarget): KinesisClient {
  const local = target.endpoint !== undefined && LOCAL.test(target.endpoint);
  const placeholder = local && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE;
  return new KinesisClient({
    region: target.region,
    maxAttempts: 1,
    ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint, requestHandler: new NodeHttpHandler() }),
    ...(placeholder ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
}
