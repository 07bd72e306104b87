import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { importRegisters } from "../../../ingestion/csv-import/import";
import { loadMapping } from "../../../ingestion/csv-import/mapping";
import { ImportManifest } from "../../../ingestion/csv-import/manifest";
import { tempDir } from "../helpers";
import { EXPECTED_REJECTS, writeBadRows } from "./fixtures";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** rejects.csv as objects (the fixture has no quoted commas except in `detail`, the last column). */
function rejectsOf(file: string): Json[] {
  const [head, ...lines] = fs.readFileSync(file, "utf8").trim().split("\n");
  const cols = head.split(",");
  return lines.map((l) => {
    const cells = l.split(",");
    const o: Json = Object.fromEntries(cols.slice(0, -1).map((c, i) => [c, cells[i]]));
    o.detail = cells.slice(cols.length - 1).join(",");
    return o;
  });
}

describe("import-csv bad rows", () => {
  let dir: string;
  let out: string;
  let m: ImportManifest;
  let side: string;

  before(async () => {
    dir = tempDir("csv-bad");
    out = tempDir("csv-bad-out");
    const { files, mapping } = writeBadRows(dir);
    m = await importRegisters({
      mapping: loadMapping(mapping),
      files,
      out,
      source: "clinic",
      now: new Date("2025-07-01T00:00:00Z"),
      run: "test-run",
    });
    side = path.join(out, m.folder, "_test-run");
  });

  for (const e of EXPECTED_REJECTS)
    it(`rejects ${e.file} row ${e.row} as ${e.reason} of '${e.field || "(row)"}'`, () => {
      const found = rejectsOf(path.join(side, "rejects.csv")).filter(
        (r) => r.file === e.file && r.row === String(e.row),
      );
      assert.equal(found.length, 1, `one reject line for ${e.file} row ${e.row}`);
      assert.equal(found[0].reason, e.reason);
      assert.equal(found[0].field, e.field);
    });

  it("writes every other row, and the counts add up per table and in total", () => {
    assert.equal(m.rowsRead, 22);
    assert.deepEqual(m.written, { Organization: 1, Patient: 2, Encounter: 1, Condition: 1, Observation: 1 });
    const rejected = Object.values(m.rejected).reduce((a, b) => a + b, 0);
    assert.equal(rejected, EXPECTED_REJECTS.length);
    for (const t of m.tables)
      assert.equal(t.rowsRead, t.rowsMapped + Object.values(t.rejected ?? {}).reduce((a, b) => a + b, 0), t.file);
    const lines = (f: string): number =>
      fs
        .readFileSync(path.join(out, m.folder, f), "utf8")
        .trim()
        .split("\n").length;
    assert.equal(lines("test-run.Patient.ndjson"), 2);
    assert.equal(m.rejected["dangling-reference"], 3);
  });

  it("names no cell value in rejects.csv or the manifest", () => {
    const text =
      fs.readFileSync(path.join(side, "rejects.csv"), "utf8") + fs.readFileSync(path.join(side, "manifest.json"));
    for (const e of EXPECTED_REJECTS) if (e.secret) assert.ok(!text.includes(e.secret), `${e.reason} shows its cell`);
    for (const s of ["p404", "Nairobi", "Kisumu", "J18.9"]) assert.ok(!text.includes(s), s);
  });

  it("writes resources the lake reads: references as Type/id, dates with the register's offset", () => {
    const read = (t: string): Json[] =>
      fs
        .readFileSync(path.join(out, m.folder, `test-run.${t}.ndjson`), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
    const [enc] = read("Encounter");
    assert.deepEqual(enc.period, { start: "2024-03-01T08:00:00+03:00", end: "2024-03-04T12:00:00+03:00" });
    assert.equal(enc.subject.reference, "Patient/p1");
    assert.equal(enc.serviceProvider.reference, "Organization/f1");
    assert.equal(enc.class.code, "IMP");
    assert.equal(enc.hospitalization.dischargeDisposition.coding[0].code, "home");
    const p7 = read("Patient").find((p) => p.id === "p7")!;
    assert.equal(p7.deceasedDateTime, "2024-03-05T10:00:00+03:00");
    assert.deepEqual(p7.address, [{ state: "Kisumu", country: "KE" }]);
    assert.equal(read("Observation")[0].valueQuantity.value, 38.5);
    assert.equal(read("Condition")[0].encounter.reference, "Encounter/e1");
  });
});
