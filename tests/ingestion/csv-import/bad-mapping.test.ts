import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { importRegisters } from "../../../ingestion/csv-import/import";
import { MappingError, loadMapping } from "../../../ingestion/csv-import/mapping";
import { tempDir } from "../helpers";
import { badRowsMapping, writeBadRows } from "./fixtures";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Writes a broken copy of the fixture's mapping and imports with it; returns the error and the output root. */
async function importWith(edit: (m: Json) => void, raw?: string): Promise<{ err: Error; file: string; out: string }> {
  const dir = tempDir("csv-map");
  const out = tempDir("csv-map-out");
  const { files, mapping } = writeBadRows(dir);
  const m = badRowsMapping();
  edit(m);
  fs.writeFileSync(mapping, raw ?? JSON.stringify(m));
  try {
    await importRegisters({ mapping: loadMapping(mapping), files, out, source: "clinic" });
  } catch (err) {
    return { err: err as Error, file: mapping, out };
  }
  throw new Error("the import did not fail");
}

/** A table's own type and fields as one output. */
const out0 = (t: Json, over: Json = {}): Json => ({ resourceType: t.resourceType, fields: t.fields, ...over });

const CASES: [string, (m: Json) => void, RegExp][] = [
  [
    "an unknown resource type",
    (m) => (m.tables[1].resourceType = "Spaceship"),
    /\/tables\/1\/resourceType: must be equal to one of the allowed values/,
  ],
  [
    "an unknown column in the header",
    (m) => (m.tables[1].fields.birthDate.column = "born"),
    /\/tables\/1\/fields\/birthDate\/column: column 'born' is not in the header of patients.csv/,
  ],
  [
    "a missing required field",
    (m) => delete m.tables[2].fields.subject,
    /\/tables\/2\/fields: missing required field 'subject'/,
  ],
  ["a missing required key", (m) => delete m.tables, /\/: missing required key 'tables'/],
  [
    "a bad date format",
    (m) => (m.tables[1].fields.birthDate.format = "DD/MM"),
    /\/tables\/1\/fields\/birthDate\/format: date format needs a year/,
  ],
  [
    "a bad default date format",
    (m) => (m.dateTimeFormat = "DD.MM.YYYY hh:mm"),
    /\/dateTimeFormat: unknown token in date format/,
  ],
  [
    "an unknown field",
    (m) => (m.tables[1].fields.favouriteColour = { column: "sex" }),
    /\/tables\/1\/fields\/favouriteColour: unknown field for Patient/,
  ],
  [
    "a field named as an object's own property",
    (m) => (m.tables[1].fields.toString = { column: "sex" }),
    /\/tables\/1\/fields\/toString: unknown field for Patient/,
  ],
  [
    "codes on a date field",
    (m) => (m.tables[1].fields.birthDate.codes = { x: "y" }),
    /\/tables\/1\/fields\/birthDate\/codes: date fields take no codes/,
  ],
  [
    "a field with both column and value",
    (m) => (m.tables[1].fields.gender.value = "male"),
    /\/tables\/1\/fields\/gender: give 'column' or 'value'/,
  ],
  [
    "a format on a field that is no date",
    (m) => (m.tables[1].fields.gender.format = "YYYY"),
    /\/tables\/1\/fields\/gender\/format: only date fields take a format/,
  ],
  [
    "an xlsx table without a sheet",
    (m) => (m.tables[0].file = "facilities.xlsx"),
    /\/tables\/0: an .xlsx table needs 'sheet'/,
  ],
  ["an unknown key", (m) => (m.tables[0].colour = "red"), /\/tables\/0: unknown key 'colour'/],
  ["a bad utcOffset", (m) => (m.utcOffset = "EAT"), /\/utcOffset: must match pattern/],
  [
    "a table with both fields and outputs",
    (m) => (m.tables[1].outputs = [{ resourceType: "Patient", fields: m.tables[1].fields }]),
    /\/tables\/1: give 'resourceType' and 'fields', or 'outputs'/,
  ],
  [
    "two outputs of one type",
    (m) => (m.tables[0] = { file: m.tables[0].file, outputs: [out0(m.tables[0]), out0(m.tables[0])] }),
    /\/tables\/0\/outputs\/1: a second Organization output/,
  ],
  [
    "hashOf on a field that is no id",
    (m) => (m.tables[1].fields.gender = { hashOf: ["sex"] }),
    /\/tables\/1\/fields\/gender\/hashOf: only an id field takes hashOf/,
  ],
  [
    "an unknown field of an output",
    (m) =>
      (m.tables[0] = {
        file: m.tables[0].file,
        outputs: [out0(m.tables[0], { fields: { id: { column: "code" }, x: { value: "y" } } })],
      }),
    /\/tables\/0\/outputs\/0\/fields\/x: unknown field for Organization/,
  ],
  [
    "a when column not in the header",
    (m) => (m.tables[0] = { file: m.tables[0].file, outputs: [out0(m.tables[0], { when: ["nope"] })] }),
    /\/tables\/0\/outputs\/0\/when: column 'nope' is not in the header of facilities.csv/,
  ],
];

describe("import-csv bad mappings fail before any output, naming the mapping file and the JSON path", () => {
  for (const [what, edit, message] of CASES)
    it(`fails on ${what}`, async () => {
      const { err, file, out } = await importWith(edit);
      assert.ok(err instanceof MappingError, err.message);
      assert.ok(err.message.includes(`Invalid mapping file ${file}`), err.message);
      assert.match(err.message, message);
      assert.deepEqual(fs.readdirSync(out), [], "nothing written");
    });

  it("fails on a mapping that is not JSON", async () => {
    const { err, file } = await importWith(() => undefined, "{ tables: ");
    assert.match(
      err.message,
      new RegExp(`Invalid mapping file ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\n  - not valid JSON`),
    );
  });

  it("fails on a register file the mapping does not name, before any output", async () => {
    const dir = tempDir("csv-map-extra");
    const out = tempDir("csv-map-extra-out");
    const { files, mapping } = writeBadRows(dir);
    const extra = path.join(dir, "visits.csv");
    fs.writeFileSync(extra, "a,b\n1,2\n");
    await assert.rejects(
      importRegisters({ mapping: loadMapping(mapping), files: [...files, extra], out, source: "clinic" }),
      /visits.csv is named by no table of the mapping/,
    );
    assert.deepEqual(fs.readdirSync(out), []);
  });
});
