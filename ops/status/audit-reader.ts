import { AttributeValue, DynamoDBClient, QueryCommand, QueryCommandInput } from "@aws-sdk/client-dynamodb";
import AUDIT from "../../glue-jobs/lakehouse/data/audit_table.json";

/** One audit item with its attributes unwrapped: strings and numbers only (the audit log writes no other). */
export type AuditItem = Record<string, string | number>;

function plain(item: Record<string, AttributeValue>): AuditItem {
  return Object.fromEntries(
    Object.entries(item).map(([name, value]) => [name, value.N !== undefined ? Number(value.N) : (value.S ?? "")]),
  );
}

/** Every item a Query returns, following LastEvaluatedKey page after page, up to `limit` items. */
async function queryAll(client: DynamoDBClient, input: QueryCommandInput, limit = Infinity): Promise<AuditItem[]> {
  const items: AuditItem[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map(plain));
    start = page.LastEvaluatedKey;
  } while (start && items.length < limit);
  return items.slice(0, limit);
}

/** The newest runs of a job first: a Query on its partition (run#<job>), never a Scan. */
export function recentRuns(client: DynamoDBClient, table: string, job: string, limit: number): Promise<AuditItem[]> {
  return queryAll(
    client,
    {
      TableName: table,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": AUDIT.partitionKey },
      ExpressionAttributeValues: { ":pk": { S: AUDIT.items.run.pk.replace("{job}", job) } },
      ScanIndexForward: false,
      Limit: Math.min(limit, 100),
    },
    limit,
  );
}

/** The file items of one UTC day (YYYY-MM-DD): a Query on the day index, every page. */
export function filesOfDay(client: DynamoDBClient, table: string, day: string, pageSize = 500): Promise<AuditItem[]> {
  return queryAll(client, {
    TableName: table,
    IndexName: AUDIT.dayIndex.name,
    KeyConditionExpression: "#day = :day",
    ExpressionAttributeNames: { "#day": AUDIT.dayIndex.partitionKey },
    ExpressionAttributeValues: { ":day": { S: AUDIT.items.file.day_key.replace("{day}", day) } },
    Limit: pageSize,
  });
}
