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

/**
 * Edges "a --> b" where b's inputs mention a's ARN or bucket name (its dependencies); the lake key, used everywhere,
 * is left out.
 */
function edges(resources: readonly Recorded[]): [number, number][] {
  const out: [number, number][] = [];
  const texts = resources.map((r) => JSON.stringify(r.inputs));
  resources.forEach((a, i) => {
    if (a.type === "aws:kms/key:Key") return;
    // A bucket is referenced by name; companions carry their bucket's name as an input, so only the Bucket counts.
    const needles = [a.state.arn, a.type === "aws:s3/bucket:Bucket" ? a.state.bucket : undefined].filter(
      (v): v is string => typeof v === "string" && v.length > 12,
    );
    texts.forEach((t, j) => {
      if (i !== j && needles.some((n) => t.includes(`"${n}`))) out.push([i, j]);
    });
  });
  return out;
}

const STORAGE_ROLES = new Set(["raw", "bronze", "silver", "gold", "quarantine", "scripts", "athena", "access"]);

/** The component a resource belongs to, from its name: `<prefix>-<component>-...` (bucket zones belong to storage). */
function group(name: string, prefix: string): string {
  const role = name.slice(prefix.length + 1).split("-")[0];
  return STORAGE_ROLES.has(role) ? "storage" : role;
}

/** The mermaid flowchart of the stack, one subgraph per component. */
function mermaid(resources: readonly Recorded[], prefix: string): string {
  const lines: string[] = [];
  const groups = [...new Set(resources.map((r) => group(r.name, prefix)))];
  for (const g of groups) {
    lines.push(`  subgraph ${g}`);
    resources.forEach((r, i) => {
      if (group(r.name, prefix) === g) lines.push(`    r${i}["${r.type.split(":").pop()}<br/>${r.name}"]`);
    });
    lines.push("  end");
  }
  for (const [a, b] of edges(resources)) lines.push(`  r${a} --> r${b}`);
  return ["```mermaid", "flowchart LR", ...lines, "```"].join("\n");
}

async function main(): Promise<void> {
  const opts = new Command()
    .requiredOption("--stack <stack>", "dev or prod")
    .option("--out <file>", "diagram file (default ./preview-<stack>.md)")
    .parse(process.argv)
    .opts<{ stack: string; out?: string }>();
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
  console.log(
    `Stack ${opts.stack} (${config.prefix}, ${config.awsRegion}): ${resources.length} resources would be created\n`,
  );
  for (const row of rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1])))
    console.log(`${row[0].padEnd(width[0])}  ${row[1].padEnd(width[1])}  ${row[2]}`);
  const out = opts.out ?? path.join(process.cwd(), `preview-${opts.stack}.md`);
  const table = [
    "| type | name | key properties |",
    "| --- | --- | --- |",
    ...rows.map((r) => `| ${r[0]} | ${r[1]} | ${r[2].replace(/\|/g, "\\|")} |`),
  ].join("\n");
  const note =
    "Arrows: the target's inputs reference the source's ARN or bucket. " +
    "The lake KMS key is used by most resources and drawn without arrows.";
  fs.writeFileSync(
    out,
    `# Offline preview of the ${opts.stack} stack\n\n${resources.length} resources (mocked: ` +
      `no AWS calls).\n\n${note}\n\n${mermaid(resources, config.prefix)}\n\n${table}\n`,
  );
  console.log(`\nDiagram: ${out}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
