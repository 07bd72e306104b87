import * as fs from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { Population } from "../model/population";
import { buildPatientRecord } from "../fhir/patient-record";
import { transactionBundle } from "../fhir/bundle";
import { ChangeFile, patientChanges } from "../fhir/changes";
import { Resource, refStyle } from "../fhir/types";
import { KpiSums, addSums, emptySums } from "../../kpi/kpi-totals";
import { computeKpiSums } from "../../kpi/compute";
import { PrevalenceSums, addPrevalenceSums, computePrevalenceSums, emptyPrevalenceSums } from "../../kpi/prevalence";
import { assertResourcesSound, assertSchemaValid } from "../../validate/validator";

/** What a chunk of patients needs; plain data so it can cross into a worker thread. */
export interface ChunkJob {
  readonly seed: string;
  readonly population: Population;
  readonly refMs: number;
  readonly format: "bundle" | "ndjson";
  readonly gzip: boolean;
  readonly validate: boolean;
  readonly changes: boolean;
  /** Output folder: bundle files and change files are written by whichever thread builds them. */
  readonly out: string;
  readonly orgIds: readonly string[];
  readonly from: number;
  readonly to: number;
}

/**
 * A finished chunk. Bundle files and change files are already on disk (patients are independent, so any
 * thread can write them, and copying them back to the main thread would cost more than writing); ndjson lines
 * come back, since each type's file is appended in patient order by the main thread. Change files come back
 * without their text.
 */
export interface ChunkResult {
  readonly from: number;
  readonly lines: Record<string, string>;
  readonly changes: ChangeFile[];
  readonly counts: Record<string, number>;
  readonly kpi: KpiSums;
  readonly prevalence: PrevalenceSums;
}

/** Name of patient `index`'s bundle file. */
export function bundleName(index: number, gzip: boolean): string {
  return `patient-${String(index).padStart(7, "0")}.json${gzip ? ".gz" : ""}`;
}

/** Builds, validates and serialises patients [from, to); throws InvalidResourceError on anything invalid. */
export function runChunk(job: ChunkJob): ChunkResult {
  const res: ChunkResult = {
    from: job.from,
    lines: {},
    changes: [],
    counts: {},
    kpi: emptySums(),
    prevalence: emptyPrevalenceSums(),
  };
  const orgRefs = job.orgIds.map((id) => `Organization/${id}`);
  for (let i = job.from; i < job.to; i++) {
    const rec = buildPatientRecord(job.seed, i, job.population, job.refMs, refStyle[job.format]);
    const known = new Set(orgRefs);
    for (const r of rec.resources)
      known.add(job.format === "bundle" ? `urn:uuid:${r.id}` : `${r.resourceType}/${r.id}`);
    if (job.validate) assertResourcesSound(rec.resources, known);
    writePatient(job, i, rec.resources, res);
    const ch = job.changes ? patientChanges(job.seed, i, rec, job.refMs) : { files: [], versions: [], deletes: [] };
    if (job.validate) validateChanges(ch.files, ch.versions, rec.resources, orgRefs);
    for (const f of ch.files) {
      fs.writeFileSync(path.join(job.out, "changes", f.name), f.text);
      res.changes.push({ ...f, text: "" });
    }
    const versions = [...rec.resources, ...ch.versions];
    addSums(res.kpi, computeKpiSums(versions, ch.deletes));
    addPrevalenceSums(res.prevalence, computePrevalenceSums(versions, ch.deletes));
    for (const r of rec.resources) res.counts[r.resourceType] = (res.counts[r.resourceType] ?? 0) + 1;
  }
  return res;
}

function writePatient(job: ChunkJob, index: number, resources: Resource[], res: ChunkResult): void {
  if (job.format === "bundle") {
    const doc = transactionBundle(resources[0].id, resources, Date.parse(resources[0].meta.lastUpdated));
    if (job.validate) assertSchemaValid(doc);
    const text = JSON.stringify(doc);
    fs.writeFileSync(path.join(job.out, bundleName(index, job.gzip)), job.gzip ? gzipSync(text, { level: 6 }) : text);
    return;
  }
  for (const r of resources) {
    if (job.validate) assertSchemaValid(r);
    res.lines[r.resourceType] = (res.lines[r.resourceType] ?? "") + JSON.stringify(r) + "\n";
  }
}

/** Change bundles must be valid too; their references (`Type/id`) resolve to the patient's earlier files. */
function validateChanges(
  files: readonly ChangeFile[],
  versions: readonly Resource[],
  base: readonly Resource[],
  orgRefs: readonly string[],
): void {
  if (files.length === 0 && versions.length === 0) return;
  const known = new Set([...orgRefs, ...base.map((r) => `${r.resourceType}/${r.id}`)]);
  assertResourcesSound(versions, known);
  for (const f of files) assertSchemaValid(JSON.parse(f.text));
}
