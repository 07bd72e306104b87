import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Manifest } from "../../../ingestion/generator/manifest";
import { computeKpiSums } from "../../../ingestion/kpi/compute";
import { totalsOf } from "../../../ingestion/kpi/kpi-totals";
import { computePrevalenceSums, prevalenceTotals } from "../../../ingestion/kpi/prevalence";
import { readFiles } from "../../../ingestion/kpi/read-files";
import { assertSchemaValid } from "../../../ingestion/validate/validator";
import { resourceProblems } from "../../../ingestion/validate/checks";
import { importRegisters } from "../../../ingestion/csv-import/import";
import { parseMapping } from "../../../ingestion/csv-import/mapping";
import { ImportManifest } from "../../../ingestion/csv-import/manifest";
import { generateTo, tempDir } from "../helpers";
import { registersOf, roundTripMapping, writeCsvRegisters, writeXlsxRegisters } from "./registers";

/**
 * The KPI and prevalence totals of the run's NDJSON, by the independent engine, as the lake would read them;
 * every resource passes the FHIR validator generated data passes, every reference resolving.
 */
function totalsOfRun(out: string, m: ImportManifest) {
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

describe("import-csv round trip: generated patients as registers and back", function () {
  this.timeout(120_000);
  let gen: { dir: string; manifest: Manifest };
  let written: number;

  before(async () => {
    gen = await generateTo("csv-rt", { patients: 150, seed: "registers", format: "ndjson" });
    written = Object.entries(gen.manifest.counts)
      .filter(([t]) => t !== "Observation")
      .reduce((n, [, c]) => n + c, 0);
  });

  async function check(files: string[], mapping: object): Promise<void> {
    const out = tempDir("csv-rt-out");
    const m = await importRegisters({
      mapping: parseMapping(mapping, "round-trip.json"),
      files,
      out,
      source: "registers",
      kpiTotals: true,
    });
    assert.deepEqual(m.rejected, {}, "no row of generated data is rejected");
    assert.equal(m.rowsRead, written);
    for (const t of ["Organization", "Patient", "Encounter", "Condition"])
      assert.equal(m.written[t], gen.manifest.counts[t], t);
    const lake = totalsOfRun(out, m);
    assert.deepEqual(lake.kpiTotals, gen.manifest.kpiTotals);
    assert.deepEqual(lake.prevalenceTotals, gen.manifest.prevalenceTotals);
    assert.ok(gen.manifest.kpiTotals.inpatient_deaths > 0 && gen.manifest.kpiTotals.readmissions_30d > 0);
    assert.deepEqual(m.kpiTotals, gen.manifest.kpiTotals, "the manifest's own totals agree");
  }

  it("imports CSV registers whose KPI totals equal the generator's manifest", async () => {
    const dir = tempDir("csv-rt-csv");
    await check(writeCsvRegisters(registersOf(gen.dir), dir), roundTripMapping());
  });

  it("imports an XLSX workbook (date cells) whose KPI totals equal the generator's manifest", async () => {
    const dir = tempDir("csv-rt-xlsx");
    const file = await writeXlsxRegisters(registersOf(gen.dir, true), dir);
    await check([file], roundTripMapping("registers.xlsx"));
  });
});
