import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, WriteRequest } from "@aws-sdk/client-dynamodb";
import { CreateWorkflowCommand, GlueClient, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import AUDIT from "../../glue-jobs/lakehouse/data/audit_table.json";
import { filesOfDay, recentRuns } from "../../ops/status/audit-reader";
import { workflowRuns } from "../../ops/status/glue-runs";
import { collectStatus } from "../../ops/status/collect";
import { AUDIT_DIR, LOCAL_AUDIT_TABLE, LocalAudit, openLocalAudit } from "../../ops/status/local-audit";
import { printStatus } from "../../ops/status/print";
import { MotoServer, TEST_CREDENTIALS, startMoto } from "../helpers/moto-server";

const TABLE = LOCAL_AUDIT_TABLE;
const S = (value: string) => ({ S: value });
const N = (value: number) => ({ N: String(value) });

/** The table as components/audit declares it: pk/sk and the day index, from audit_table.json. */
async function createTable(client: DynamoDBClient): Promise<void> {
  const { partitionKey, sortKey, dayIndex } = AUDIT;
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [partitionKey, sortKey, dayIndex.partitionKey, dayIndex.sortKey].map((name) => ({
        AttributeName: name,
        AttributeType: "S",
      })),
      KeySchema: [
        { AttributeName: partitionKey, KeyType: "HASH" },
        { AttributeName: sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: dayIndex.name,
          KeySchema: [
            { AttributeName: dayIndex.partitionKey, KeyType: "HASH" },
            { AttributeName: dayIndex.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    }),
  );
}

async function put(client: DynamoDBClient, items: Record<string, { S: string } | { N: string }>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const requests: WriteRequest[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: requests } }));
  }
}

/** A file item as glue-jobs/lakehouse/audit.py writes it (keys from audit_table.json's templates). */
function fileItem(n: number, day: string, done: boolean) {
  const at = `${day}T10:00:${String(n % 60).padStart(2, "0")}.${String(n).padStart(6, "0")}Z`;
  return {
    pk: S(AUDIT.items.file.pk.replace("{uri}", `/raw/file-${n}.json`)),
    sk: S(AUDIT.items.file.sk),
    day_key: S(AUDIT.items.file.day_key.replace("{day}", day)),
    at: S(at),
    status: S(done ? "done" : "in_progress"),
    run_id: S("r1"),
    ...(done ? { records_read: N(3), records_written: N(2), records_quarantined: N(1) } : {}),
  };
}

/** A run item as lakehouse/runs.py records it. */
function runItem(job: string, minute: number, status: string) {
  const started = `2026-12-01T09:${String(minute).padStart(2, "0")}:00.000000Z`;
  return {
    pk: S(AUDIT.items.run.pk.replace("{job}", job)),
    sk: S(AUDIT.items.run.sk.replace("{started_at}", started).replace("{run_id}", `run-${minute}`)),
    day_key: S(AUDIT.items.run.day_key.replace("{day}", "2026-12-01")),
    at: S(started),
    job: S(job),
    run_id: S(`run-${minute}`),
    status: S(status),
    ...(status === "succeeded" ? { seconds: N(minute), records_read: N(10 * minute) } : {}),
  };
}

describe("npm run status over a local lake's audit log (dynalite on 127.0.0.1)", function () {
  this.timeout(60000);
  let lake: string;
  let audit: LocalAudit;
  let client: DynamoDBClient;
  const sent: string[] = [];

  before(async () => {
    lake = fs.mkdtempSync(path.join(os.tmpdir(), "status-"));
    fs.mkdirSync(path.join(lake, AUDIT_DIR));
    audit = await openLocalAudit(lake);
    client = new DynamoDBClient({
      region: "us-east-1",
      endpoint: audit.endpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    client.middlewareStack.add((next, context) => (args) => (sent.push(context.commandName!), next(args)), {
      step: "initialize",
    });
    await createTable(client);
    const files = Array.from({ length: 230 }, (_, n) => fileItem(n, "2026-12-01", n % 10 !== 0));
    const runs = Array.from({ length: 12 }, (_, m) => runItem("bronze", m, m === 11 ? "failed" : "succeeded"));
    await put(client, [...files, ...runs, runItem("silver", 3, "running"), fileItem(999, "2026-11-30", true)]);
    sent.length = 0;
  });
  after(async () => {
    client?.destroy();
    await audit?.close();
    fs.rmSync(lake, { recursive: true, force: true });
  });

  it("reads a day's files over several pages of the day index", async () => {
    const files = await filesOfDay(client, TABLE, "2026-12-01", 50);
    assert.equal(files.length, 230);
    assert.equal(sent.filter((c) => c === "QueryCommand").length, 5);
  });

  it("reads the newest runs of a job first, no more than asked", async () => {
    const runs = await recentRuns(client, TABLE, "bronze", 4);
    assert.deepEqual(
      runs.map((r) => r.run_id),
      ["run-11", "run-10", "run-9", "run-8"],
    );
  });

  it("sums files and records per day, finds each job's last success, and never scans", async () => {
    sent.length = 0;
    const today = new Date("2026-12-01T23:00:00Z");
    const report = await collectStatus(client, TABLE, {
      jobs: ["bronze", "silver", "gold"],
      runsPerJob: 3,
      days: 2,
      today,
    });
    assert.deepEqual(report.days, [
      {
        day: "2026-12-01",
        filesIngested: 207,
        filesInProgress: 23,
        recordsRead: 621,
        recordsWritten: 414,
        recordsQuarantined: 207,
      },
      {
        day: "2026-11-30",
        filesIngested: 1,
        filesInProgress: 0,
        recordsRead: 3,
        recordsWritten: 2,
        recordsQuarantined: 1,
      },
    ]);
    assert.deepEqual(report.lastSucceeded, {
      bronze: "2026-12-01T09:10:00.000000Z",
      silver: null,
      gold: null,
    });
    assert.deepEqual(
      report.runs.map((r) => `${r.job} ${r.status} ${r.seconds}`),
      ["bronze failed null", "bronze succeeded 10", "bronze succeeded 9", "silver running null"],
    );
    assert.ok(sent.length > 0 && sent.every((c) => c === "QueryCommand"), sent.join(","));
    const text = printStatus(report);
    assert.match(text, /2026-12-01 +207 +23 +621 +414 +207/);
    assert.doesNotMatch(text, /file-\d+\.json/);
  });

  it("says when a lake has no audit log", async () => {
    await assert.rejects(
      openLocalAudit(path.join(lake, "nowhere")),
      /has no audit log \(\.audit\/\): run npm run lakehouse/,
    );
  });
});

describe("npm run status on AWS: Glue's workflow runs (moto in server mode)", function () {
  this.timeout(30000);
  let moto: MotoServer;
  before(async () => (moto = await startMoto()));
  after(() => moto?.stop());

  it("lists the workflow's runs newest first, no more than asked", async () => {
    const glue = new GlueClient({ region: "us-east-1", endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
    await glue.send(new CreateWorkflowCommand({ Name: "lake-medallion", MaxConcurrentRuns: 5 }));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await glue.send(new StartWorkflowRunCommand({ Name: "lake-medallion" }))).RunId!);
      await new Promise((r) => setTimeout(r, 20));
    }
    const runs = await workflowRuns(glue, "lake-medallion", 2);
    assert.deepEqual(
      runs.map((r) => r.runId),
      [ids[2], ids[1]],
    );
    assert.ok(runs.every((r) => r.status === "RUNNING" && r.startedAt !== null && r.error === null));
  });
});
