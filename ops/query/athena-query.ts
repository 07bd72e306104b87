import {
  AthenaClient,
  GetQueryExecutionCommand,
  QueryExecution,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  paginateGetQueryResults,
} from "@aws-sdk/client-athena";
import { Cell, Column, QueryResult, typedCell } from "./result";

export interface AthenaQuery {
  readonly sql: string;
  readonly workgroup: string;
  /** The database unqualified names resolve in (the stack's gold database). */
  readonly database: string;
}

export interface PollOptions {
  /** First wait between two status checks, in ms; it grows by half each time up to maxDelayMs. */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Give up (and cancel the query) after this long, in ms. */
  readonly timeoutMs?: number;
  /** Rows per GetQueryResults page (Athena allows at most 1000). */
  readonly pageSize?: number;
  /** Aborting stops the query on Athena (StopQueryExecution) before the call rejects. */
  readonly signal?: AbortSignal;
  /** Called with each state seen while polling (QUEUED, RUNNING, ...). */
  readonly onState?: (state: string) => void;
}

export interface AthenaResult extends QueryResult {
  readonly queryExecutionId: string;
  readonly bytesScanned: number;
}

/** A query Athena failed or cancelled; the message is Athena's own. */
export class AthenaQueryError extends Error {
  constructor(
    message: string,
    readonly queryExecutionId: string,
    readonly state: string,
  ) {
    super(message);
    this.name = "AthenaQueryError";
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Starts the query, polls it to an end state with backoff, then reads every page of its results. */
export async function runAthenaQuery(
  client: AthenaClient,
  query: AthenaQuery,
  options: PollOptions = {},
): Promise<AthenaResult> {
  const started = await client.send(
    new StartQueryExecutionCommand({
      QueryString: query.sql,
      WorkGroup: query.workgroup,
      QueryExecutionContext: { Database: query.database },
    }),
  );
  const id = started.QueryExecutionId;
  if (!id) throw new Error("Athena started no query execution (no QueryExecutionId)");
  const execution = await waitForEnd(client, id, options);
  const state = execution.Status?.State ?? "UNKNOWN";
  if (state !== "SUCCEEDED") {
    const reason = execution.Status?.AthenaError?.ErrorMessage ?? execution.Status?.StateChangeReason ?? "no reason";
    throw new AthenaQueryError(`query ${id} ${state}: ${reason}`, id, state);
  }
  const { columns, rows } = await readResults(client, id, execution.StatementType, options.pageSize ?? 1000);
  return { queryExecutionId: id, bytesScanned: execution.Statistics?.DataScannedInBytes ?? 0, columns, rows };
}

async function waitForEnd(client: AthenaClient, id: string, options: PollOptions): Promise<QueryExecution> {
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60 * 1000);
  let delay = options.firstDelayMs ?? 250;
  for (;;) {
    if (options.signal?.aborted || Date.now() > deadline) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
      const why = options.signal?.aborted ? "cancelled" : `still running after ${options.timeoutMs} ms, cancelled`;
      throw new AthenaQueryError(`query ${id} ${why}`, id, "CANCELLED");
    }
    const reply = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const execution = reply.QueryExecution ?? {};
    const state = execution.Status?.State ?? "UNKNOWN";
    options.onState?.(state);
    if (state === "SUCCEEDED" || state === "FAILED" || state === "CANCELLED") return execution;
    await sleep(delay, options.signal);
    delay = Math.min(delay * 1.5, options.maxDelayMs ?? 5000);
  }
}

async function readResults(
  client: AthenaClient,
  id: string,
  statementType: string | undefined,
  pageSize: number,
): Promise<QueryResult> {
  let columns: Column[] = [];
  const rows: Cell[][] = [];
  // A SELECT's first row (of the first page only) repeats the column names.
  let skipHeader = statementType === "DML";
  const pages = paginateGetQueryResults({ client, pageSize }, { QueryExecutionId: id, MaxResults: pageSize });
  for await (const page of pages) {
    if (columns.length === 0) {
      columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => ({
        name: c.Name ?? "",
        type: (c.Type ?? "varchar").toLowerCase(),
      }));
    }
    for (const row of page.ResultSet?.Rows ?? []) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      rows.push(columns.map((c, i) => typedCell(c.type, row.Data?.[i]?.VarCharValue)));
    }
  }
  return { columns, rows };
}
