/** The totals a lake would compute from an import run's output, every resource checked by the FHIR validator. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { computeKpiSums } from "../../../ingestion/kpi/compute";
import { totalsOf } from "../../../ingestion/kpi/kpi-totals";
import { computePrevalenceSums, prevalenceTotals } from "../../../ingestion/kpi/prevalence";
import { readFiles } from "../../../ingestion/kpi/read-files";
import { assertSchemaValid } from "../../../ingestion/validate/validator";
import { resourceProblems } from "../../../ingestion/validate/checks";
import { ImportManifest } from "../../../ingestion/csv-import/manifest";
import { Manifest } from "../../../ingestion/generator/manifest";

/**
 * The KPI and prevalence totals of the run's NDJSON, by the independent engine, as the lake would read them;
 * every resource passes the FHIR validator generated data passes, every reference resolving.
 */
export function totalsOfRun(out: string, m: ImportManifest) {
  const dir = path.join(out, m.folder);
  const files = m.dataFiles.map((f) => ({ name: f, content: fs.readFileSync(path.join(dir, f)) }));
  const { versions, deletes } = readFiles(files);
  const known = new Set(versions.map((r) => `${r.resourceType}/${r.id}`));
  for (const r of versions) {
    assertSchemaValid(r);
    // The generator's required elements include names and identifiers, which these registers do not carry.
    const problems = resourceProblems(r, known).filter((p) => !p.endsWith("required element missing"));
    assert.deepEqual(problems, [], `${r.resourceType}/${r.id}`);
  }
  return {
    kpiTotals: totalsOf(computeKpiSums(versions, deletes)),
    prevalenceTotals: prevalenceTotals(computePrevalenceSums(versions, deletes)),
  };
}

/** Asserts an import of generated data: nothing rejected, every resource once, the generator's KPI totals. */
export function assertSameAsGenerated(out: string, m: ImportManifest, gen: Manifest): void {
  assert.deepEqual(m.rejected, {}, "no row of generated data is rejected");
  for (const t of ["Organization", "Patient", "Encounter", "Condition"]) assert.equal(m.written[t], gen.counts[t], t);
  const lake = totalsOfRun(out, m);
  assert.deepEqual(lake.kpiTotals, gen.kpiTotals);
  assert.deepEqual(lake.prevalenceTotals, gen.prevalenceTotals);
  assert.ok(gen.kpiTotals.inpatient_deaths > 0 && gen.kpiTotals.readmissions_30d > 0);
  assert.deepEqual(m.kpiTotals, gen.kpiTotals, "the manifest's own totals agree");
}
