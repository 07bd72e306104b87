import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { filesOfDay, recentRuns } from "./audit-reader";
import { StatusReport, dayLine, lastDays, summariseRuns } from "./report";

export interface CollectOptions {
  readonly jobs: readonly string[];
  /** Runs read per job (the newest). */
  readonly runsPerJob: number;
  /** UTC days of file counts, ending today. */
  readonly days: number;
  readonly today?: Date;
}

/** The status report from the audit table: Queries on run partitions and on the day index, never a Scan. */
export async function collectStatus(
  client: DynamoDBClient,
  table: string,
  options: CollectOptions,
): Promise<StatusReport> {
  const runsByJob = Object.fromEntries(
    await Promise.all(options.jobs.map(async (job) => [job, await recentRuns(client, table, job, options.runsPerJob)])),
  );
  const days = lastDays(options.today ?? new Date(), options.days);
  const files = await Promise.all(days.map((day) => filesOfDay(client, table, day)));
  return { ...summariseRuns(runsByJob), days: days.map((day, i) => dayLine(day, files[i])) };
}
