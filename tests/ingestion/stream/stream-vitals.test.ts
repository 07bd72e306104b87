import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { KinesisClient, PutRecordsCommand, PutRecordsCommandOutput } from "@aws-sdk/client-kinesis";
import { kinesisClient } from "../../../ingestion/stream/kinesis-client";
import { createStream, LocalKinesis, startLocalKinesis } from "../../../ingestion/stream/local-kinesis";
import { produce } from "../../../ingestion/stream/producer";
import { Entry, LIMITS, batches, newStats, putBatch } from "../../../ingestion/stream/put-records";
import { READING_CODES, readings, streamPatients } from "../../../ingestion/stream/readings";
import VITAL_SIGNS from "../../../glue-jobs/lakehouse/data/vital_signs.json";
import { readStream } from "./stream-reader";

const ROOT = path.join(__dirname, "..", "..", "..");
const NO_WAIT = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2, sleep: async () => undefined };
let clock = Date.UTC(2026, 0, 1);
const tickingClock = () => (clock += 1000);

/** Runs the CLI without blocking this process (which serves the local Kinesis the CLI talks to). */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["ts-node", "--transpile-only", "ingestion/stream/cli.ts", ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const entry = (bytes: number, key = "p"): Entry => ({
  data: new Uint8Array(bytes),
  partitionKey: key,
  duplicate: false,
});

/** A client that answers a share of each request's records with ProvisionedThroughputExceeded, once per record. */
function flaky(real: KinesisClient, failEvery: number) {
  const failedOnce = new Set<string>();
  const forwarded: number[] = [];
  return {
    forwarded,
    client: {
      send: async (cmd: PutRecordsCommand): Promise<PutRecordsCommandOutput> => {
        const records = cmd.input.Records ?? [];
        const key = (i: number) => Buffer.from(records[i].Data as Uint8Array).toString("base64");
        const fail = records.map((_, i) => i % failEvery === 0 && !failedOnce.has(key(i)));
        fail.forEach((f, i) => f && failedOnce.add(key(i)));
        const pass = records.filter((_, i) => !fail[i]);
        forwarded.push(pass.length);
        const out = pass.length ? await real.send(new PutRecordsCommand({ ...cmd.input, Records: pass })) : undefined;
        const ok = [...(out?.Records ?? [])];
        return {
          $metadata: {},
          FailedRecordCount: fail.filter(Boolean).length,
          Records: fail.map((f) =>
            f ? { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "Rate exceeded" } : ok.shift()!,
          ),
        };
      },
    },
  };
}

describe("stream-vitals: readings", () => {
  it("sends the generator's codes and units, five per reading, each patient's readings in time order", () => {
    const ids = streamPatients(3, "s");
    const source = readings({ patientIds: ids, seed: "s", now: tickingClock });
    const first = Array.from({ length: 30 }, () => source.next().value!);
    const units = Object.fromEntries(VITAL_SIGNS.codes.map((c) => [c.loinc, c.ucum]));
    for (const r of first) {
      const o = r.observation as { code: { coding: { code: string }[] }; valueQuantity: { code: string } };
      assert.equal(o.valueQuantity.code, units[o.code.coding[0].code]);
    }
    assert.deepEqual(
      first.slice(0, 5).map((r) => (r.observation.code as { coding: { code: string }[] }).coding[0].code),
      [...READING_CODES],
    );
    for (const id of ids) {
      const times = first.filter((r) => r.patientId === id).map((r) => String(r.observation.effectiveDateTime));
      assert.deepEqual(times, [...times].sort());
      assert.ok(first.filter((r) => r.patientId === id).every((r) => r.observation.subject !== undefined));
    }
    const again = readings({ patientIds: ids, seed: "s", now: () => 0 });
    assert.equal(again.next().value!.observation.id, first[0].observation.id, "ids are seeded");
  });

  it("splits requests at 500 records and 5 MiB, and refuses a record over 1 MiB naming it", () => {
    assert.deepEqual(
      batches(Array.from({ length: 1001 }, () => entry(10))).map((b) => b.length),
      [500, 500, 1],
    );
    const big = Array.from({ length: 6 }, () => entry(LIMITS.recordBytes - 10));
    assert.deepEqual(
      batches(big).map((b) => b.length),
      [5, 1],
    );
    assert.throws(() => batches([entry(1), entry(LIMITS.recordBytes)]), /record 2: .* over Kinesis's 1 MiB/);
  });
});

describe("stream-vitals against a local Kinesis (kinesalite on 127.0.0.1)", function () {
  this.timeout(60000);
  let kinesis: LocalKinesis;
  let client: KinesisClient;
  let n = 0;
  const stream = async () => {
    const name = `vitals-${++n}`;
    await createStream(client, name, 2);
    return name;
  };

  before(async () => {
    kinesis = await startLocalKinesis();
    client = kinesisClient({ region: "us-east-1", endpoint: kinesis.endpoint });
  });
  after(async () => kinesis?.stop());

  it("delivers every record once, plus the re-sends, keyed by patient and in each patient's order", async () => {
    const name = await stream();
    const ids = streamPatients(20, "t");
    const stats = await produce({
      client,
      streamName: name,
      source: readings({ patientIds: ids, seed: "t", now: Date.now }),
      rate: 400,
      durationS: 1.5,
      duplicates: 0.05,
      seed: "t",
      concurrency: 4,
    });
    const arrived = await readStream(client, name);
    const distinct = new Set(arrived.map((a) => a.observation.id));
    assert.equal(stats.sent, 600);
    assert.equal(distinct.size, 600);
    assert.ok(stats.duplicates > 10 && stats.duplicates < 60, `${stats.duplicates} re-sends of 5%`);
    assert.equal(arrived.length, stats.sent + stats.duplicates);
    assert.deepEqual([stats.retried, stats.failed], [0, 0]);
    for (const a of arrived) assert.equal(`Patient/${a.partitionKey}`, a.observation.subject.reference);
    for (const id of ids) {
      const mine = arrived.filter((a) => a.partitionKey === id);
      assert.equal(new Set(mine.map((a) => a.shard)).size, 1, "one patient, one shard");
      const firsts = mine.filter((a, i) => mine.findIndex((b) => b.observation.id === a.observation.id) === i);
      const times = firsts.map((a) => a.observation.effectiveDateTime);
      assert.deepEqual(times, [...times].sort(), `patient ${id} out of order`);
    }
  });

  it("re-sends only the records that failed, so each arrives exactly once", async () => {
    const name = await stream();
    const { client: bad, forwarded } = flaky(client, 3);
    const source = readings({ patientIds: streamPatients(5, "f"), seed: "f", now: tickingClock });
    const entries = Array.from({ length: 90 }, () => {
      const r = source.next().value!;
      return {
        data: new TextEncoder().encode(JSON.stringify(r.observation)),
        partitionKey: r.patientId,
        duplicate: false,
      };
    });
    const stats = newStats();
    const givenUp = await putBatch(bad as unknown as KinesisClient, name, entries, stats, NO_WAIT);
    assert.deepEqual(givenUp, []);
    assert.deepEqual([stats.sent, stats.retried, stats.failed, stats.calls], [90, 30, 0, 2]);
    assert.deepEqual(forwarded, [60, 30], "the retry carried the 30 failed records and nothing else");
    const arrived = await readStream(client, name);
    assert.equal(arrived.length, 90);
    assert.equal(new Set(arrived.map((a) => a.observation.id)).size, 90);
  });

  it("gives up on a record after maxAttempts and counts it failed", async () => {
    const always = {
      send: async (cmd: PutRecordsCommand) => ({
        $metadata: {},
        Records: (cmd.input.Records ?? []).map(() => ({ ErrorCode: "InternalFailure" })),
      }),
    };
    const stats = newStats();
    const givenUp = await putBatch(always as unknown as KinesisClient, "s", [entry(5), entry(5)], stats, NO_WAIT);
    assert.equal(givenUp.length, 2);
    assert.deepEqual([stats.sent, stats.failed, stats.calls, stats.retried], [0, 2, 5, 8]);
  });

  it("the CLI streams at the given rate and ends with a JSON summary", async () => {
    const name = await stream();
    const run = await cli(["--stream", name, "--patients", "4", "--rate", "60", "--duration", "2",
      "--duplicates", "0.1", "--endpoint", kinesis.endpoint]); // prettier-ignore
    assert.equal(run.status, 0, run.stderr);
    const summary = JSON.parse(run.stdout.trim().split("\n").pop()!);
    assert.equal(summary.sent, 120);
    assert.equal(summary.failed, 0);
    assert.equal((await readStream(client, name)).length, 120 + summary.duplicates);
    assert.match(run.stderr, /stream-vitals .* 120\/120 sent/);
  });

  it("the CLI fails with exit 1 naming the stream problem, and with exit 2 on bad flags", async () => {
    const missing = await cli(["--stream", "nope", "--rate", "5", "--duration", "1", "--endpoint", kinesis.endpoint]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /stream-vitals: .*nope/);
    assert.equal((await cli(["--stream", "x", "--duplicates", "2"])).status, 2);
  });
});
