import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { importRegisters } from "../../../ingestion/csv-import/import";
import { parseMapping } from "../../../ingestion/csv-import/mapping";
import { tempDir } from "../helpers";
import { writeXlsxRegisters } from "./registers";

const MAPPING = {
  dateFormat: "DD/MM/YYYY",
  tables: [
    {
      file: "ward.xlsx",
      sheet: "Patients",
      resourceType: "Patient",
      fields: { id: { column: "no" }, birthDate: { column: "dob" }, gender: { column: "sex" } },
    },
  ],
};

async function workbook(): Promise<string> {
  const rows = [
    ["a1", new Date("1990-04-02T00:00:00Z"), "female"],
    ["a2", "02/04/1991", "male", "extra-cell-text"],
    ["a3", "2 April 1992", "male"],
    ["a4", undefined, "unknown"],
  ];
  return writeXlsxRegisters(
    [{ name: "Patients", resourceType: "Patient", header: ["no", "dob", "sex"], rows }],
    tempDir("xlsx"),
    "ward.xlsx",
  );
}

describe("import-csv XLSX sheets", () => {
  it("reads date cells and text dates, and rejects extra cells and bad dates with their sheet row", async () => {
    const file = await workbook();
    const out = tempDir("xlsx-out");
    const m = await importRegisters({
      mapping: parseMapping(MAPPING, "m.json"),
      files: [file],
      out,
      source: "w",
      run: "x",
    });
    assert.equal(m.rowsRead, 4);
    assert.deepEqual(m.written, { Patient: 2 });
    assert.deepEqual(m.rejected, { "wrong-cell-count": 1, "bad-date": 1 });
    const rejects = fs.readFileSync(path.join(out, m.folder, "_x", "rejects.csv"), "utf8");
    assert.match(rejects, /^ward\.xlsx,Patients,3,,,wrong-cell-count,/m);
    assert.match(rejects, /^ward\.xlsx,Patients,4,birthDate,dob,bad-date,/m);
    assert.ok(!rejects.includes("extra-cell-text") && !rejects.includes("April"));
    const patients = fs
      .readFileSync(path.join(out, m.folder, "x.Patient.ndjson"), "utf8")
      .trim()
      .split("\n");
    assert.equal(JSON.parse(patients[0]).birthDate, "1990-04-02");
    assert.equal(JSON.parse(patients[1]).gender, "unknown");
  });

  it("fails before any output when the workbook has no such sheet", async () => {
    const file = await workbook();
    const out = tempDir("xlsx-nosheet");
    const mapping = { ...MAPPING, tables: [{ ...MAPPING.tables[0], sheet: "Admissions" }] };
    await assert.rejects(
      importRegisters({ mapping: parseMapping(mapping, "m.json"), files: [file], out, source: "w" }),
      /ward\.xlsx: has no sheet 'Admissions'/,
    );
    assert.deepEqual(fs.readdirSync(out), []);
  });
});
