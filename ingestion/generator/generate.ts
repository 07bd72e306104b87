import * as fs from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { Population } from "./model/population";
import { GenerateOptions } from "./generate-options";
import { organization } from "./fhir/resources";
import { transactionBundle } from "./fhir/bundle";
import { ChangeFile, globalChanges } from "./fhir/changes";
import { Resource } from "./fhir/types";
import { ChunkJob, ChunkResult } from "./output/chunk";
import { ChunkPool } from "./output/worker-pool";
import { NdjsonWriter, prepareOutDir } from "./output/writers";
import { addSums, emptySums } from "../kpi/kpi-totals";
import { addPrevalenceSums, emptyPrevalenceSums } from "../kpi/prevalence";
import { Manifest, buildManifest } from "./manifest";
import { assertResourcesSound, assertSchemaValid } from "../validate/validator";

export type { GenerateOptions };

/** File name of the manifest, beside the data (the underscore marks it as not data). */
export const MANIFEST_NAME = "_manifest.json";

function organizations(pop: Population, refMs: number, years: number): Resource[] {
  const at = refMs - years * 365.25 * 86_400_000;
  return pop.regions.flatMap((r) => r.facilities.map((f) => organization(f, r.country, r.state, at)));
}

function writeOrganizations(o: GenerateOptions, orgs: Resource[], refMs: number): string {
  if (o.validate) assertResourcesSound(orgs, new Set());
  const gz = (b: Buffer): Buffer => (o.gzip ? gzipSync(b, { level: 6 }) : b);
  if (o.format === "ndjson") {
    if (o.validate) orgs.forEach((r) => assertSchemaValid(r));
    const name = NdjsonWriter.fileName("Organization", o.gzip);
    fs.writeFileSync(path.join(o.out, name), gz(Buffer.from(orgs.map((r) => JSON.stringify(r) + "\n").join(""))));
    return name;
  }
  const doc = transactionBundle("organizations", orgs, Date.parse(orgs[0].meta.lastUpdated) || refMs);
  if (o.validate) assertSchemaValid(doc);
  const name = `organizations.json${o.gzip ? ".gz" : ""}`;
  fs.writeFileSync(path.join(o.out, name), gz(Buffer.from(JSON.stringify(doc))));
  return name;
}

function jobs(o: GenerateOptions, refMs: number, orgIds: string[]): ChunkJob[] {
  const size = o.chunkSize ?? 100;
  const out: ChunkJob[] = [];
  for (let from = 0; from < o.patients; from += size) {
    out.push({ ...o, refMs, orgIds, from, to: Math.min(o.patients, from + size) });
  }
  return out;
}

/** Generates the data set into `o.out` and writes `_manifest.json`; returns the manifest. */
export async function generate(o: GenerateOptions, onProgress?: (patientsDone: number) => void): Promise<Manifest> {
  const refMs = Date.parse(`${o.referenceDate}T00:00:00Z`);
  prepareOutDir(o.out, o.changes);
  const orgs = organizations(o.population, refMs, o.population.historyYears);
  writeOrganizations(o, orgs, refMs);
  const counts: Record<string, number> = { Organization: orgs.length };
  const kpi = emptySums();
  const prevalence = emptyPrevalenceSums();
  const changes: ChangeFile[] = [];
  const nd = new NdjsonWriter(o.out, o.gzip);
  const pool = new ChunkPool(o.workers);
  const onResult = async (r: ChunkResult): Promise<void> => {
    for (const [type, lines] of Object.entries(r.lines)) await nd.write(type, lines);
    for (const [t, n] of Object.entries(r.counts)) counts[t] = (counts[t] ?? 0) + n;
    changes.push(...r.changes);
    addSums(kpi, r.kpi);
    addPrevalenceSums(prevalence, r.prevalence);
    onProgress?.(r.from + (o.chunkSize ?? 100));
  };
  try {
    await pool.run(
      jobs(
        o,
        refMs,
        orgs.map((r) => r.id),
      ),
      onResult,
    );
  } finally {
    await pool.close();
    await nd.close();
  }
  if (o.changes) await writeGlobalChanges(o.out, changes);
  const manifest = buildManifest(o, counts, kpi, prevalence, changes);
  fs.writeFileSync(path.join(o.out, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

async function writeGlobalChanges(out: string, changes: ChangeFile[]): Promise<void> {
  const first = changes[0] && {
    ...changes[0],
    text: fs.readFileSync(path.join(out, "changes", changes[0].name), "utf8"),
  };
  for (const c of globalChanges(first)) {
    await fs.promises.writeFile(path.join(out, "changes", c.name), c.text);
    changes.push({ ...c, text: "" });
  }
}
