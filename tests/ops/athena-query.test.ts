import { strict as assert } from "assert";
import { AthenaClient, CreateWorkGroupCommand, GetQueryExecutionCommand } from "@aws-sdk/client-athena";
import { AthenaQueryError, runAthenaQuery } from "../../ops/query/athena-query";
import { MotoServer, TEST_CREDENTIALS, startMoto } from "../helpers/moto-server";

const QUERY = { sql: "select * from kpi_by_month", workgroup: "lake-analytics", database: "lake_gold" };
const FAST = { firstDelayMs: 5, maxDelayMs: 20 };
const COLUMNS = [
  { Name: "month", Type: "varchar" },
  { Name: "encounters", Type: "bigint" },
  { Name: "infection_rate", Type: "double" },
  { Name: "suppressed", Type: "boolean" },
];
const text = (...values: (string | undefined)[]) => ({
  Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })),
});
// Athena's first row of a SELECT repeats the column names.
const HEADER = text("month", "encounters", "infection_rate", "suppressed");

async function motoApi(moto: MotoServer, route: string, body: unknown): Promise<void> {
  const reply = await fetch(`${moto.endpoint}/moto-api/${route}`, { method: "POST", body: JSON.stringify(body) });
  assert.ok(reply.ok, `${route}: ${reply.status}`);
}

/** Queues the rows moto's Athena returns for the next query it starts. */
const cannedRows = (moto: MotoServer, rows: unknown[]) =>
  motoApi(moto, "static/athena/query-results", { results: [{ rows, column_info: COLUMNS }] });

/** Each execution stays QUEUED, then RUNNING, for `times` status checks each, before it succeeds. */
const slowExecutions = (moto: MotoServer, times: number) =>
  motoApi(moto, "state-manager/set-transition", {
    model_name: "athena::execution",
    transition: { progression: "manual", times },
  });

/**
 * moto returns every row on one page; this splits its answer by MaxResults/NextToken as Athena does, so the
 * client's paging loop is exercised against a real server. Returns the number of pages served.
 */
function pagedLikeAthena(client: AthenaClient): () => number {
  let pages = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "GetQueryResultsCommand") return next(args);
      const input = args.input as { NextToken?: string; MaxResults?: number };
      const start = Number(input.NextToken ?? "0");
      const reply = await next({ ...args, input: { ...input, NextToken: undefined } });
      const output = reply.output as { ResultSet?: { Rows?: unknown[] }; NextToken?: string };
      const rows = output.ResultSet?.Rows ?? [];
      const end = start + (input.MaxResults ?? 1000);
      output.ResultSet = { ...output.ResultSet, Rows: rows.slice(start, end) };
      output.NextToken = end < rows.length ? String(end) : undefined;
      pages += 1;
      return reply;
    },
    { step: "initialize", name: "pagedLikeAthena" },
  );
  return () => pages;
}

/** Injects a failure moto cannot produce: every status check answers FAILED with Athena's error text. */
function failingExecutions(client: AthenaClient, message: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const reply = await next(args);
      if (context.commandName === "GetQueryExecutionCommand") {
        const output = reply.output as { QueryExecution: { Status: unknown } };
        output.QueryExecution.Status = { State: "FAILED", AthenaError: { ErrorMessage: message } };
      }
      return reply;
    },
    { step: "initialize", name: "failingExecutions" },
  );
}

describe("npm run query on AWS: Athena's API (moto in server mode)", function () {
  this.timeout(30000);
  let moto: MotoServer;
  const client = () =>
    new AthenaClient({ region: "us-east-1", endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });

  before(async () => {
    moto = await startMoto();
    await client().send(new CreateWorkGroupCommand({ Name: QUERY.workgroup }));
  });
  after(() => moto?.stop());
  afterEach(() => slowExecutions(moto, 0).catch(() => undefined));

  it("polls through QUEUED and RUNNING, then reads typed rows without the header row", async () => {
    await slowExecutions(moto, 2);
    await cannedRows(moto, [HEADER, text("2024-01", "17", "0.25", "false"), text("2024-02", "3", undefined, "true")]);
    const states: string[] = [];
    const result = await runAthenaQuery(client(), QUERY, { ...FAST, onState: (s) => states.push(s) });
    // The loop kept checking while the query was queued and running, and stopped at the end state.
    assert.deepEqual(
      states.filter((s, i) => s !== states[i - 1]),
      ["QUEUED", "RUNNING", "SUCCEEDED"],
    );
    assert.ok(states.length >= 4, states.join(","));
    assert.deepEqual(
      result.columns.map((c) => `${c.name} ${c.type}`),
      ["month varchar", "encounters bigint", "infection_rate double", "suppressed boolean"],
    );
    assert.deepEqual(result.rows, [
      ["2024-01", 17, 0.25, false],
      ["2024-02", 3, null, true],
    ]);
    assert.equal(result.bytesScanned, 0);
  });

  it("reads every page and drops the header from the first page only", async () => {
    const rows = [HEADER, ...Array.from({ length: 25 }, (_, i) => text(`m${i}`, String(i), "0.5", "false"))];
    await cannedRows(moto, rows);
    const athena = client();
    const pages = pagedLikeAthena(athena);
    const result = await runAthenaQuery(athena, QUERY, { ...FAST, pageSize: 10 });
    assert.equal(pages(), 3);
    assert.deepEqual(
      result.rows.map((r) => r[1]),
      Array.from({ length: 25 }, (_, i) => i),
    );
  });

  it("shows Athena's own message when the query fails", async () => {
    const athena = client();
    failingExecutions(athena, "COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved");
    await assert.rejects(
      runAthenaQuery(athena, QUERY, FAST),
      (err: AthenaQueryError) =>
        err.state === "FAILED" &&
        /FAILED: COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved/.test(err.message),
    );
  });

  it("passes on Athena's refusal to start (an unknown workgroup)", async () => {
    await assert.rejects(runAthenaQuery(client(), { ...QUERY, workgroup: "nope" }, FAST), /WorkGroup does not exist/);
  });

  it("stops the query on Athena when aborted (Ctrl-C) while it is queued", async () => {
    await slowExecutions(moto, 1000);
    const abort = new AbortController();
    const athena = client();
    const failure = await runAthenaQuery(athena, QUERY, { ...FAST, signal: abort.signal, onState: () => abort.abort() })
      .then(() => undefined)
      .catch((err: AthenaQueryError) => err);
    assert.ok(failure instanceof AthenaQueryError && /cancelled/.test(failure.message), String(failure));
    const after = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: failure.queryExecutionId }));
    assert.equal(after.QueryExecution?.Status?.State, "CANCELLED");
  });
});
