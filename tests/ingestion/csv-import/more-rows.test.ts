import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { importRegisters } from "../../../ingestion/csv-import/import";
import { parseMapping } from "../../../ingestion/csv-import/mapping";
import { tempDir } from "../helpers";

const MAPPING = {
  tables: [
    {
      file: "people.csv",
      resourceType: "Patient",
      fields: {
        id: { column: "no" },
        "identifier.system": { column: "register" },
        "identifier.value": { column: "no" },
        deceasedBoolean: { column: "died" },
      },
    },
    {
      file: "dx.csv",
      resourceType: "Condition",
      fields: {
        id: { column: "dx" },
        subject: { column: "no" },
        "code.system": { value: "http://hl7.org/fhir/sid/icd-10-cm" },
        "code.code": { column: "icd" },
        onsetDateTime: { column: "onset" },
        abatementDateTime: { column: "resolved" },
      },
    },
  ],
};

async function importText(people: string, dx = "dx,no,icd,onset,resolved\n") {
  const dir = tempDir("csv-more");
  const out = tempDir("csv-more-out");
  fs.writeFileSync(path.join(dir, "people.csv"), people);
  fs.writeFileSync(path.join(dir, "dx.csv"), dx);
  const files = ["people.csv", "dx.csv"].map((f) => path.join(dir, f));
  const run = () => importRegisters({ mapping: parseMapping(MAPPING, "m.json"), files, out, source: "s", run: "r" });
  return { run, out };
}

describe("import-csv rows the FHIR validator refuses, booleans, and files that are not CSV", () => {
  it("rejects what the FHIR R4 schema refuses as invalid-resource with its JSON path, and bad booleans", async () => {
    const people = "no,register,died\nn1,urn:reg,false\nn2,urn:reg with-spaces,true\nn3,urn:reg,perhaps\n";
    const dx = "dx,no,icd,onset,resolved\nd1,n1,A09,2024-01-05 10:00:00,2024-01-04 10:00:00\n";
    const { run, out } = await importText(people, dx);
    const m = await run();
    assert.deepEqual(m.rejected, { "invalid-resource": 1, "bad-boolean": 1, "end-before-start": 1 });
    const rejects = fs.readFileSync(path.join(out, m.folder, "_r", "rejects.csv"), "utf8");
    assert.match(rejects, /^people\.csv,,3,\/identifier\/0\/system,,invalid-resource,/m);
    assert.match(rejects, /^people\.csv,,4,deceasedBoolean,died,bad-boolean,/m);
    assert.match(rejects, /^dx\.csv,,2,abatementDateTime,resolved,end-before-start,/m);
    assert.ok(!rejects.includes("with-spaces") && !rejects.includes("perhaps"));
  });

  it("fails on a file that is not CSV with its line and no cell text, and removes what the run wrote", async () => {
    const { run, out } = await importText('no,register,died\nn1,urn:reg,false\nn2,"secret-name,true\n');
    await assert.rejects(run(), (err: Error) => {
      assert.match(err.message, /^people\.csv: not valid CSV at line \d+ \(CSV_QUOTE_NOT_CLOSED\)$/);
      assert.ok(!err.message.includes("secret-name"));
      return true;
    });
    const left = fs.readdirSync(out, { recursive: true, encoding: "utf8" }).filter((f) => /ndjson|csv|json/.test(f));
    assert.deepEqual(left, []);
  });

  it("fails before any output on a header that repeats a column", async () => {
    const { run, out } = await importText("no,register,died,no\n");
    await assert.rejects(run(), /\/tables\/0: the header of people\.csv repeats column 'no'/);
    assert.deepEqual(fs.readdirSync(out), []);
  });
});
