/** The local Kinesis stand-in: kinesalite (npm), in memory, on 127.0.0.1, for tests and `npm run stream`. */
import * as net from "net";
import { CreateStreamCommand, DescribeStreamCommand, KinesisClient } from "@aws-sdk/client-kinesis";

// kinesalite ships no types: a factory of an http.Server speaking Kinesis's API (in memory without `path`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kinesalite = require("kinesalite") as (options: Record<string, number>) => net.Server;

export interface LocalKinesis {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Starts kinesalite on 127.0.0.1 (a free port unless given); streams become active at once. */
export async function startLocalKinesis(port = 0): Promise<LocalKinesis> {
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 64 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Creates a stream and waits until it is ACTIVE. */
export async function createStream(client: KinesisClient, name: string, shards: number): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  for (let i = 0; i < 100; i++) {
    const d = await client.send(new DescribeStreamCommand({ StreamName: name }));
    if (d.StreamDescription?.StreamStatus === "ACTIVE") return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`stream ${name} did not become ACTIVE`);
}
