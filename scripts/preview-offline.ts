/**
 * `npm run preview:offline -- --stack dev|prod`: runs the Pulumi program's platform under in-process mocks (no AWS
 * account, no Pulumi CLI), prints the resource inventory and writes a mermaid diagram to ./preview-<stack>.md.
 */
import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { loadStackConfig } from "../config/load-config";
import { Recorded, RecordingMocks, optionRecorder, settle, useMocks } from "../tests/pulumi/mocks";

const KEY_PROPS: Readonly<Record<string, readonly string[]>> = {
  "aws:s3/bucket:Bucket": ["forceDestroy"],
  "aws:kms/key:Key": ["enableKeyRotation"],
  "aws:glue/job:Job": ["name", "glueVersion", "workerType", "numberOfWorkers", "timeout"],
  "aws:glue/trigger:Trigger": ["type", "schedule"],
  "aws:dynamodb/table:Table": ["name", "billingMode", "hashKey"],
  "aws:lambda/function:Function": ["name", "runtime", "memorySize", "timeout"],
  "aws:cloudwatch/eventRule:EventRule": ["scheduleExpression", "description"],
  "aws:cloudwatch/metricAlarm:MetricAlarm": ["metricName", "threshold", "evaluationPeriods"],
  "aws:athena/workgroup:Workgroup": ["name"],
  "aws:glue/catalogTable:CatalogTable": ["name", "tableType"],
};

/** "key=value" pairs of the properties a reviewer checks first, for one resource. */
function keyProps(r: Recorded, guarded: boolean): string {
  const picks = KEY_PROPS[r.type] ?? ["name"];
  const parts = picks.filter((k) => r.inputs[k] !== undefined).map((k) => `${k}=${JSON.stringify(r.inputs[k])}`);
  if (guarded) parts.push("protect=true");
  return parts.join(" ");
}

/** Edges "a --> b" where b's inputs mention a's name or ARN (its dependencies). */
function edges(resources: readonly Recorded[]): [number, number][] {
  const out: [number, number][] = [];
  const texts = resources.map((r) => JSON.stringify(r.inputs));
  resources.forEach((a, i) => {
    const needles = [a.state.arn, a.state.bucket].filter((v): v is string => typeof v === "string" && v.length > 12);
    texts.forEach((t, j) => {
      if (i !== j && needles.some((n) => t.includes(`"${n}`))) out.push([i, j]);
    });
  });
  return out;
}

/** The mermaid flowchart of the stack. */
function mermaid(resources: readonly Recorded[]): string {
  const id = (i: number) => `r${i}`;
  const lines = resources.map((r, i) => `  ${id(i)}["${r.type.split(":").pop()}<br/>${r.name}"]`);
  for (const [a, b] of edges(resources)) lines.push(`  ${id(a)} --> ${id(b)}`);
  return ["```mermaid", "flowchart LR", ...lines, "```"].join("\n");
}

async function main(): Promise<void> {
  const opts = new Command().requiredOption("--stack <stack>", "dev or prod").option("--out <file>", "diagram file (default ./preview-<stack>.md)").parse(process.argv).opts<{ stack: string; out?: string }>();
  const config = loadStackConfig(opts.stack);
  const mocks: RecordingMocks = await useMocks(opts.stack);
  // Import after setMocks: the platform's modules must see the mock runtime.
  const { LakehousePlatform } = await import("../components/platform/lakehouse-platform");
  const root = path.join(__dirname, "..");
  new LakehousePlatform(config.prefix, { config, sourceRoot: root }, { transformations: [optionRecorder(mocks)] });
  await settle(mocks);
  const resources = mocks.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers"));
  const guarded = (r: Recorded) => mocks.options.get(`${r.type}::${r.name}`)?.protect === true;
  const rows = resources.map((r) => [r.type, r.name, keyProps(r, guarded(r))]);
  const width = [0, 1].map((c) => Math.max(...rows.map((row) => row[c].length)));
  console.log(`Stack ${opts.stack} (${config.prefix}, ${config.awsRegion}): ${resources.length} resources would be created\n`);
  for (const row of rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))) console.log(`${row[0].padEnd(width[0])}  ${row[1].padEnd(width[1])}  ${row[2]}`);
  const out = opts.out ?? path.join(process.cwd(), `preview-${opts.stack}.md`);
  fs.writeFileSync(out, `# Offline preview of the ${opts.stack} stack\n\n${resources.length} resources (mocked: no AWS calls).\n\n${mermaid(resources)}\n`);
  console.log(`\nDiagram: ${out}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
