/**
 * `npm run query -- (--stack dev|prod | --lake DIR) "SQL" [--format table|csv|json]`: one Trino SQL query,
 * in the stack's Athena workgroup over its gold database, or over a local lake's gold tables and published views.
 * The result goes to stdout; progress, bytes scanned and cost to stderr.
 */
import { AthenaClient } from "@aws-sdk/client-athena";
import { Command, Option } from "commander";
import { STACKS, stackNames } from "../stack-names";
import { runAthenaQuery } from "./athena-query";
import { describeScan } from "./cost";
import { FORMATS, Format, formatResult } from "./format";
import { runLocalQuery } from "./local-query";
import { QueryResult } from "./result";

interface Options {
  stack?: string;
  lake?: string;
  format: Format;
  endpoint?: string;
}

export function queryCommand(): Command {
  return new Command("query")
    .description("Run one Trino SQL query on a stack's Athena workgroup or on a local lake")
    .argument("<sql>", "one SELECT; unqualified names are the gold tables and published views")
    .addOption(new Option("--stack <name>", "query the deployed stack's Athena workgroup").choices(STACKS))
    .addOption(new Option("--lake <dir>", "query a local lake (npm run lakehouse's --out)").conflicts("stack"))
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("table"))
    .option("--endpoint <url>", "Athena endpoint (a local stand-in); default AWS's for the stack's region");
}

async function run(sql: string, options: Options, signal: AbortSignal): Promise<QueryResult> {
  if (options.lake) return runLocalQuery(options.lake, sql, signal);
  if (!options.stack) throw new Error("say where to query: --stack dev|prod or --lake DIR");
  const names = stackNames(options.stack);
  const client = new AthenaClient({ region: names.region, endpoint: options.endpoint });
  const result = await runAthenaQuery(
    client,
    { sql, workgroup: names.workgroup, database: names.goldDatabase },
    { signal, onState: (state) => process.stderr.write(`\rquery: ${state.toLowerCase()}   `) },
  );
  process.stderr.write(`\rquery ${result.queryExecutionId}: ${describeScan(result.bytesScanned)}\n`);
  return result;
}

async function main(argv: string[]): Promise<void> {
  const command = queryCommand().parse(argv, { from: "user" });
  const [sql] = command.args;
  const options = command.opts<Options>();
  const abort = new AbortController();
  // Ctrl-C once: cancel the query where it runs, then exit; twice: exit now.
  process.on("SIGINT", () => (abort.signal.aborted ? process.exit(130) : abort.abort()));
  const result = await run(sql, options, abort.signal);
  process.stdout.write(`${formatResult(result, options.format)}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: Error) => {
    console.error(`\nquery: ${err.message}`);
    process.exit(err.name === "AthenaQueryError" && err.message.includes("cancelled") ? 130 : 1);
  });
}
