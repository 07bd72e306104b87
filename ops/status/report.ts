import { AuditItem } from "./audit-reader";

/** One job run as the status shows it: state and counts, no file names (they can name patients). */
export interface RunLine {
  readonly job: string;
  readonly runId: string;
  readonly startedAt: string;
  readonly status: string;
  readonly seconds: number | null;
  readonly recordsRead: number | null;
  readonly recordsWritten: number | null;
  readonly recordsQuarantined: number | null;
}

/** Files and records of one UTC day, summed over its file items. */
export interface DayLine {
  readonly day: string;
  readonly filesIngested: number;
  readonly filesInProgress: number;
  readonly recordsRead: number;
  readonly recordsWritten: number;
  readonly recordsQuarantined: number;
}

export interface WorkflowRunLine {
  readonly runId: string;
  readonly status: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly error: string | null;
}

export interface StatusReport {
  readonly runs: RunLine[];
  readonly lastSucceeded: Record<string, string | null>;
  readonly days: DayLine[];
  /** Glue workflow runs (AWS only). */
  readonly workflowRuns?: WorkflowRunLine[];
}

const num = (item: AuditItem, name: string) => (typeof item[name] === "number" ? (item[name] as number) : null);

export function runLine(item: AuditItem): RunLine {
  return {
    job: String(item.job),
    runId: String(item.run_id),
    startedAt: String(item.at ?? String(item.sk).split("#")[0]),
    status: String(item.status),
    seconds: num(item, "seconds"),
    recordsRead: num(item, "records_read"),
    recordsWritten: num(item, "records_written"),
    recordsQuarantined: num(item, "records_quarantined"),
  };
}

export function dayLine(day: string, files: AuditItem[]): DayLine {
  const done = files.filter((f) => f.status === "done");
  const sum = (name: string) => done.reduce((total, f) => total + (num(f, name) ?? 0), 0);
  return {
    day,
    filesIngested: done.length,
    filesInProgress: files.length - done.length,
    recordsRead: sum("records_read"),
    recordsWritten: sum("records_written"),
    recordsQuarantined: sum("records_quarantined"),
  };
}

/** The last `count` UTC days up to and including `today`, newest first. */
export function lastDays(today: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(today.getTime() - i * 86_400_000).toISOString().slice(0, 10));
}

/** Runs of all jobs, newest first, and each job's last succeeded start time (null: none among those read). */
export function summariseRuns(runsByJob: Record<string, AuditItem[]>): Pick<StatusReport, "runs" | "lastSucceeded"> {
  const runs = Object.values(runsByJob)
    .flat()
    .map(runLine)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.job.localeCompare(b.job));
  const lastSucceeded = Object.fromEntries(
    Object.keys(runsByJob).map((job) => [
      job,
      runs.find((r) => r.job === job && r.status === "succeeded")?.startedAt ?? null,
    ]),
  );
  return { runs, lastSucceeded };
}
