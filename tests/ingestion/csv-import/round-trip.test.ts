import { strict as assert } from "assert";
import { Manifest } from "../../../ingestion/generator/manifest";
import { assertSameAsGenerated } from "./lake-totals";
import { importRegisters } from "../../../ingestion/csv-import/import";
import { parseMapping } from "../../../ingestion/csv-import/mapping";
import { generateTo, tempDir } from "../helpers";
import { registersOf, roundTripMapping, writeCsvRegisters, writeXlsxRegisters } from "./registers";

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
    assert.equal(m.rowsRead, written);
    assertSameAsGenerated(out, m, gen.manifest);
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
