import {
  ConcurrentRunsExceededException,
  GetWorkflowRunsCommand,
  GlueClient,
  PutWorkflowRunPropertiesCommand,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { Action, PENDING_PROPERTY, Reason, RunSummary, decide, isDataKey, workflowState } from "./ingest-decision";

/** What the handler needs: a Glue client, the workflow, and the raw prefix whose objects count as new data. */
export interface TriggerDeps {
  readonly glue: GlueClient;
  readonly workflowName: string;
  readonly rawPrefix: string;
}

/** The result of one invocation (also logged, without object keys: file names may identify patients). */
export interface TriggerResult {
  readonly reason: Reason | "ignored";
  readonly action: Action;
  readonly runId?: string;
  readonly dataFiles: number;
}

interface S3Record {
  readonly eventSource?: string;
  readonly s3?: { readonly object?: { readonly key?: string } };
}

/** Classifies an invocation: S3 records under the prefix, a Glue job state change, or a rule's constant input. */
export function classify(event: unknown, rawPrefix: string): { reason: Reason | "ignored"; dataFiles: number } {
  const e = (event ?? {}) as { Records?: S3Record[]; "detail-type"?: string; action?: string };
  if (Array.isArray(e.Records)) {
    // S3 URL-encodes keys in events, with '+' for spaces.
    const keys = e.Records.filter((r) => r.eventSource === "aws:s3").map((r) =>
      decodeURIComponent((r.s3?.object?.key ?? "").replace(/\+/g, " ")),
    );
    const dataFiles = keys.filter((k) => isDataKey(k, rawPrefix)).length;
    return { reason: dataFiles > 0 ? "new-data" : "ignored", dataFiles };
  }
  if (e["detail-type"] === "Glue Job State Change" || e.action === "recheck")
    return { reason: "recheck", dataFiles: 0 };
  if (e.action === "scheduled-run") return { reason: "scheduled", dataFiles: 0 };
  throw new Error(`ingest trigger: unrecognised event (keys: ${Object.keys(e).sort().join(", ") || "none"})`);
}

/**
 * Reads the workflow's runs, decides, and acts; a start that loses a race to another invocation marks pending instead.
 */
export async function handle(event: unknown, deps: TriggerDeps): Promise<TriggerResult> {
  const { reason, dataFiles } = classify(event, deps.rawPrefix);
  if (reason === "ignored") return { reason, action: "nothing", dataFiles };
  const state = workflowState(await listRuns(deps));
  const action = decide(reason, state);
  if (action === "mark-pending" && state.activeRunId !== null) {
    await markPending(deps, state.activeRunId);
    return { reason, action, runId: state.activeRunId, dataFiles };
  }
  if (action !== "start") return { reason, action, dataFiles };
  try {
    const started = await deps.glue.send(
      new StartWorkflowRunCommand({ Name: deps.workflowName, RunProperties: { started_by: reason } }),
    );
    return { reason, action, runId: started.RunId, dataFiles };
  } catch (err) {
    if (!(err instanceof ConcurrentRunsExceededException)) throw err;
    const again = workflowState(await listRuns(deps));
    if (again.activeRunId === null) throw err;
    await markPending(deps, again.activeRunId);
    return { reason, action: "mark-pending", runId: again.activeRunId, dataFiles };
  }
}

/** Every retained run, page by page (the API does not promise an order, so the latest is found by StartedOn). */
async function listRuns(deps: TriggerDeps): Promise<RunSummary[]> {
  const runs: RunSummary[] = [];
  let token: string | undefined;
  do {
    const page = await deps.glue.send(
      new GetWorkflowRunsCommand({ Name: deps.workflowName, MaxResults: 1000, NextToken: token }),
    );
    runs.push(...(page.Runs ?? []));
    token = page.NextToken;
  } while (token);
  return runs;
}

async function markPending(deps: TriggerDeps, runId: string): Promise<void> {
  await deps.glue.send(
    new PutWorkflowRunPropertiesCommand({
      Name: deps.workflowName,
      RunId: runId,
      RunProperties: { [PENDING_PROPERTY]: "true" },
    }),
  );
}

/** The Lambda entrypoint: WORKFLOW_NAME and RAW_PREFIX come from the function's environment. */
export async function handler(event: unknown): Promise<TriggerResult> {
  const workflowName = process.env.WORKFLOW_NAME;
  const rawPrefix = process.env.RAW_PREFIX;
  if (!workflowName || !rawPrefix) throw new Error("ingest trigger: WORKFLOW_NAME and RAW_PREFIX must be set");
  const result = await handle(event, { glue: new GlueClient({}), workflowName, rawPrefix });
  console.log(JSON.stringify({ workflow: workflowName, ...result }));
  return result;
}
