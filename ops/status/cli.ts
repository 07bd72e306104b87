/**
 * `npm run status -- (--stack dev|prod | --lake DIR) [--days N] [--runs N] [--format table|json]`: what the pipeline
 * ran and ingested, from the DynamoDB audit log (and, on AWS, Glue's workflow runs). Counts only: no file names,
 * which can name patients.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GlueClient } from "@aws-sdk/client-glue";
import { Command, InvalidArgumentError, Option } from "commander";
import { JOBS } from "../../components/shared/names";
import { STACKS, stackNames } from "../stack-names";
import { collectStatus } from "./collect";
import { workflowRuns } from "./glue-runs";
import { LOCAL_AUDIT_TABLE, openLocalAudit } from "./local-audit";
import { printStatus } from "./print";
import { StatusReport } from "./report";

interface Options {
  stack?: string;
  lake?: string;
  days: number;
  runs: number;
  format: "table" | "json";
  endpoint?: string;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a whole number of at least 1");
  return n;
}

export function statusCommand(): Command {
  return new Command("status")
    .description("Recent runs, files and records per day, last success: from the audit log")
    .addOption(new Option("--stack <name>", "the deployed stack's audit table and Glue workflow").choices(STACKS))
    .addOption(new Option("--lake <dir>", "a local lake (npm run lakehouse's --out)").conflicts("stack"))
    .option("--days <n>", "UTC days of file counts, ending today", positive, 7)
    .option("--runs <n>", "newest runs shown per job", positive, 5)
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--endpoint <url>", "DynamoDB endpoint (a local stand-in); default AWS's for the stack's region");
}

async function report(options: Options): Promise<StatusReport> {
  const collect = { jobs: JOBS, runsPerJob: options.runs, days: options.days };
  if (options.lake) {
    const audit = await openLocalAudit(options.lake);
    const client = new DynamoDBClient({
      region: "us-east-1",
      endpoint: audit.endpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    try {
      return await collectStatus(client, LOCAL_AUDIT_TABLE, collect);
    } finally {
      client.destroy();
      await audit.close();
    }
  }
  if (!options.stack) throw new Error("say which audit log: --stack dev|prod or --lake DIR");
  const names = stackNames(options.stack);
  const client = new DynamoDBClient({ region: names.region, endpoint: options.endpoint });
  const status = await collectStatus(client, names.auditTable, collect);
  const glue = new GlueClient({ region: names.region });
  return { ...status, workflowRuns: await workflowRuns(glue, names.workflow, options.runs) };
}

async function main(argv: string[]): Promise<void> {
  const options = statusCommand().parse(argv, { from: "user" }).opts<Options>();
  const status = await report(options);
  console.log(options.format === "json" ? JSON.stringify(status, null, 2) : printStatus(status));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: Error) => {
    console.error(`status: ${err.message}`);
    process.exit(1);
  });
}
