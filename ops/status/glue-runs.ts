import { GlueClient, WorkflowRun, paginateGetWorkflowRuns } from "@aws-sdk/client-glue";
import { WorkflowRunLine } from "./report";

/** Glue keeps a workflow's run history for a limited time; reading this many at most bounds the calls. */
const MAX_RUNS_READ = 5000;

/**
 * The workflow's most recent runs from Glue's API, newest first. Glue does not document the order of its pages,
 * so every page is read (up to MAX_RUNS_READ runs) and sorted by start time here.
 */
export async function workflowRuns(glue: GlueClient, workflow: string, limit: number): Promise<WorkflowRunLine[]> {
  const runs: WorkflowRun[] = [];
  for await (const page of paginateGetWorkflowRuns({ client: glue, pageSize: 1000 }, { Name: workflow })) {
    runs.push(...(page.Runs ?? []));
    if (runs.length >= MAX_RUNS_READ) break;
  }
  return runs
    .map((run) => ({
      runId: run.WorkflowRunId ?? "",
      status: run.Status ?? "UNKNOWN",
      startedAt: run.StartedOn?.toISOString() ?? null,
      completedAt: run.CompletedOn?.toISOString() ?? null,
      error: run.ErrorMessage ?? null,
    }))
    .sort((a, b) => (b.startedAt ?? "").localeCompare(a.startedAt ?? ""))
    .slice(0, limit);
}
