import { formatResult } from "../query/format";
import { Cell } from "../query/result";
import { StatusReport } from "./report";

/** A table of objects, through the query CLI's table format, so both CLIs print alike. */
function table(title: string, rows: readonly object[], columns: readonly [string, string][]): string {
  const result = {
    columns: columns.map(([, name]) => ({ name, type: "varchar" })),
    rows: rows.map((row) => columns.map(([key]) => ((row as Record<string, Cell>)[key] ?? null) as Cell)),
  };
  return `== ${title}\n${formatResult(result, "table")}`;
}

/** The status report as text for people. */
export function printStatus(report: StatusReport): string {
  const sections = [
    table(
      "last successful run per job",
      Object.entries(report.lastSucceeded).map(([job, at]) => ({ job, at })),
      [
        ["job", "job"],
        ["at", "started_at"],
      ],
    ),
    table("recent job runs (newest first)", report.runs, [
      ["startedAt", "started_at"],
      ["job", "job"],
      ["status", "status"],
      ["seconds", "seconds"],
      ["recordsRead", "records_read"],
      ["recordsWritten", "written"],
      ["recordsQuarantined", "quarantined"],
      ["runId", "run_id"],
    ]),
    table("files ingested per day (UTC)", report.days, [
      ["day", "day"],
      ["filesIngested", "files"],
      ["filesInProgress", "in_progress"],
      ["recordsRead", "records_read"],
      ["recordsWritten", "written"],
      ["recordsQuarantined", "quarantined"],
    ]),
  ];
  if (report.workflowRuns) {
    sections.push(
      table("Glue workflow runs", report.workflowRuns, [
        ["startedAt", "started_at"],
        ["status", "status"],
        ["completedAt", "completed_at"],
        ["runId", "run_id"],
        ["error", "error"],
      ]),
    );
  }
  return sections.join("\n\n");
}
