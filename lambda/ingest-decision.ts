import DATA_FILES from "../glue-jobs/lakehouse/data/data_files.json";

/** Why the Lambda was invoked. */
export type Reason = "new-data" | "scheduled" | "recheck";

/** What the Lambda does about it. */
export type Action = "start" | "mark-pending" | "nothing";

/** The run property that says "files landed while this run was in progress". */
export const PENDING_PROPERTY = "ingest_pending";

/** The workflow's state as far as the decision needs it. */
export interface WorkflowState {
  /** Id of a RUNNING or STOPPING run, if any (the workflow allows one at a time). */
  readonly activeRunId: string | null;
  /** true when the most recent run carries the pending marker. */
  readonly latestRunPending: boolean;
}

/**
 * The debounce rule. New data or the schedule start a run unless one is active; then the active run is marked
 * pending instead (its bronze listing may already be done), so the next re-check starts one more run.
 * A re-check (a job of this stack finished, or the periodic safety net) starts a run only for a pending marker
 * on the latest, no longer active run. Nothing is lost: every file is either in an active run's listing or
 * covered by a pending marker that a later re-check turns into a run.
 */
export function decide(reason: Reason, state: WorkflowState): Action {
  if (state.activeRunId !== null) return reason === "recheck" ? "nothing" : "mark-pending";
  if (reason === "recheck") return state.latestRunPending ? "start" : "nothing";
  return "start";
}

/** A workflow run as GetWorkflowRuns returns it (the fields used here). */
export interface RunSummary {
  readonly WorkflowRunId?: string;
  readonly Status?: string;
  readonly StartedOn?: Date;
  readonly WorkflowRunProperties?: Record<string, string>;
}

/** Reduces a page of runs (any order) to the decision's state. */
export function workflowState(runs: readonly RunSummary[]): WorkflowState {
  const active = runs.find((r) => r.Status === "RUNNING" || r.Status === "STOPPING");
  const latest = [...runs].sort((a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0))[0];
  return {
    activeRunId: active?.WorkflowRunId ?? null,
    latestRunPending: latest?.WorkflowRunProperties?.[PENDING_PROPERTY] === "true",
  };
}

/**
 * true for an S3 key that is a data file under the raw prefix: below it, no segment starts with an ignored prefix
 * (glue-jobs/lakehouse/data/data_files.json, the rule the bronze job lists by).
 */
export function isDataKey(key: string, rawPrefix: string): boolean {
  if (!key.startsWith(rawPrefix) || key.endsWith("/")) return false;
  const segments = key.slice(rawPrefix.length).split("/");
  return !segments.some((s) => DATA_FILES.ignoredPrefixes.some((p) => s.startsWith(p)));
}
