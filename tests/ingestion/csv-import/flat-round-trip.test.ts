import { strict as assert } from "assert";
import { Manifest } from "../../../ingestion/generator/manifest";
import { importRegisters } from "../../../ingestion/csv-import/import";
import { flatTemplateMapping } from "../../../ingestion/csv-import/mapping";
import { generateTo, tempDir } from "../helpers";
import { flatRowsOf, writeFlatCsv, writeFlatXlsx } from "./flat";
import { assertSameAsGenerated } from "./lake-totals";

describe("import-csv flat template round trip: generated patients, one row per encounter diagnosis", function () {
  this.timeout(120_000);
  let gen: { dir: string; manifest: Manifest };

  before(async () => {
    gen = await generateTo("flat-rt", { patients: 150, seed: "flat", format: "ndjson" });
  });

  async function check(file: string): Promise<void> {
    const out = tempDir("flat-rt-out");
    const m = await importRegisters({
      mapping: flatTemplateMapping(),
      files: [file],
      out,
      source: "flat",
      kpiTotals: true,
    });
    assert.equal(m.rowsRead, m.rowsMapped);
    assert.ok(m.repeated.Patient > 0 && m.repeated.Encounter > 0, "rows repeat patients and encounters");
    assertSameAsGenerated(out, m, gen.manifest);
  }

  it("imports the flat CSV with the default mapping: KPI and prevalence totals equal the generator's", async () => {
    await check(writeFlatCsv(flatRowsOf(gen.dir), tempDir("flat-rt-csv")));
  });

  it("imports the flat XLSX (first sheet, date cells) with the default mapping: the same totals", async () => {
    await check(await writeFlatXlsx(flatRowsOf(gen.dir, true), tempDir("flat-rt-xlsx")));
  });
});
