/** Reads a whole stream back, shard by shard, in sequence order (the test's independent view of what arrived). */
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
} from "@aws-sdk/client-kinesis";

export interface Arrived {
  readonly shard: string;
  readonly partitionKey: string;
  readonly observation: { id: string; subject: { reference: string }; effectiveDateTime: string } & Record<
    string,
    unknown
  >;
}

export async function readStream(client: KinesisClient, name: string): Promise<Arrived[]> {
  const shards = (await client.send(new DescribeStreamCommand({ StreamName: name }))).StreamDescription?.Shards ?? [];
  const out: Arrived[] = [];
  const decoder = new TextDecoder();
  for (const shard of shards) {
    let iterator = (
      await client.send(
        new GetShardIteratorCommand({ StreamName: name, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10000 }));
      for (const r of page.Records ?? [])
        out.push({
          shard: shard.ShardId ?? "",
          partitionKey: r.PartitionKey ?? "",
          observation: JSON.parse(decoder.decode(r.Data)),
        });
      iterator = (page.Records ?? []).length === 0 ? undefined : page.NextShardIterator;
    }
  }
  return out;
}
