import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { importRegisters } from "../../../ingestion/csv-import/import";
import { ImportManifest } from "../../../ingestion/csv-import/manifest";
import { flatTemplateMapping } from "../../../ingestion/csv-import/mapping";
import { tempDir } from "../helpers";
import { filesBelow, run } from "./cli-run";
import { FLAT_HEADER, writeFlatCsv } from "./flat";

type Row = Record<string, string>;

/** A good flat row (patient p1, facility f1, encounter e1, one diagnosis), with some cells changed. */
const row = (over: Row = {}): string[] => {
  const base: Row = {
    patient_id: "p1",
    given_name: "Wanjiru",
    family_name: "Kamau",
    sex: "female",
    birth_date: "1980-02-01",
    country: "KE",
    state: "Nairobi",
    facility_id: "f1",
    facility_name: "Clinic One",
    encounter_id: "e1",
    encounter_class: "IMP",
    start: "2024-03-01T08:00:00Z",
    end: "2024-03-04T12:00:00Z",
    discharge_disposition: "home",
    diagnosis_system: "ICD-10-CM",
    diagnosis_code: "J18.9",
    diagnosis_display: "Pneumonia",
  };
  const r = { ...base, ...over };
  return FLAT_HEADER.map((h) => r[h] ?? "");
};

/** Each bad kind: the row's changes, and the field, column and reason its reject line must name. */
const BAD: { kind: string; over: Row; field: string; column: string; reason: string; secret?: string }[] = [
  {
    kind: "a repeated patient with another birth date",
    over: { birth_date: "1981-07-07" },
    field: "Patient.birthDate",
    column: "birth_date",
    reason: "conflicting-repeat",
    secret: "1981-07-07",
  },
  {
    kind: "a repeated encounter with another class",
    over: { encounter_class: "AMB", diagnosis_code: "I10" },
    field: "Encounter.class",
    column: "encounter_class",
    reason: "conflicting-repeat",
  },
  {
    kind: "a repeated facility with another name",
    over: { facility_name: "Other Clinic", encounter_id: "e9" },
    field: "Organization.name",
    column: "facility_name",
    reason: "conflicting-repeat",
    secret: "Other Clinic",
  },
  {
    kind: "a bad sex code",
    over: { patient_id: "p2", sex: "yes", encounter_id: "e2" },
    field: "Patient.gender",
    column: "sex",
    reason: "unknown-code",
  },
  {
    kind: "a bad encounter_class",
    over: { patient_id: "p3", encounter_class: "spaceship", encounter_id: "e3" },
    field: "Encounter.class",
    column: "encounter_class",
    reason: "unknown-code",
    secret: "spaceship",
  },
  {
    kind: "an end before the start",
    over: { patient_id: "p4", encounter_id: "e4", end: "2024-02-01T08:00:00Z" },
    field: "Encounter.period.end",
    column: "end",
    reason: "end-before-start",
    secret: "2024-02-01",
  },
  {
    kind: "an unparseable start",
    over: { patient_id: "p5", encounter_id: "e5", start: "1st March" },
    field: "Encounter.period.start",
    column: "start",
    reason: "bad-date",
    secret: "1st March",
  },
  {
    kind: "a future birth_date",
    over: { patient_id: "p6", encounter_id: "e6", birth_date: "2999-01-01" },
    field: "Patient.birthDate",
    column: "birth_date",
    reason: "future-date",
    secret: "2999-01-01",
  },
  {
    kind: "a diagnosis_code without system",
    over: { patient_id: "p7", encounter_id: "e7", diagnosis_system: "" },
    field: "Condition.code.system",
    column: "diagnosis_system",
    reason: "missing-value",
  },
  {
    kind: "an unknown diagnosis_system",
    over: { patient_id: "p8", encounter_id: "e8", diagnosis_system: "ICD-9" },
    field: "Condition.code.system",
    column: "diagnosis_system",
    reason: "unknown-code",
    secret: "ICD-9",
  },
  {
    kind: "a missing patient_id",
    over: { patient_id: "", encounter_id: "e10" },
    field: "Patient.id",
    column: "patient_id",
    reason: "missing-value",
  },
  {
    kind: "a death before birth",
    over: { patient_id: "p11", encounter_id: "e11", deceased_at: "1970-01-01T00:00:00Z" },
    field: "Patient.deceasedDateTime",
    column: "deceased_at",
    reason: "end-before-start",
    secret: "1970-01-01",
  },
  {
    kind: "a diagnosis without encounter_id",
    over: { patient_id: "p12", encounter_id: "", encounter_class: "", start: "", end: "", discharge_disposition: "" },
    field: "Condition.encounter",
    column: "encounter_id",
    reason: "missing-value",
  },
  {
    kind: "a bad discharge_disposition",
    over: { patient_id: "p13", encounter_id: "e13", discharge_disposition: "escaped" },
    field: "Encounter.dischargeDisposition",
    column: "discharge_disposition",
    reason: "unknown-code",
    secret: "escaped",
  },
  {
    kind: "a patient_id that is no FHIR id",
    over: { patient_id: "p 14", encounter_id: "e14" },
    field: "Patient.id",
    column: "patient_id",
    reason: "bad-id",
    secret: "p 14",
  },
  {
    kind: "an encounter without class",
    over: { patient_id: "p15", encounter_id: "e15", encounter_class: "" },
    field: "Encounter.class",
    column: "encounter_class",
    reason: "missing-value",
  },
];

/**
 * Good rows: row 2 the first of p1/e1/f1, row 3 a second diagnosis of e1, row 4 row 2 again, row 5 an encounter
 * with no diagnosis.
 */
const GOOD = [
  row(),
  row({ diagnosis_code: "I10", diagnosis_display: "Hypertension" }),
  row(),
  row({
    encounter_id: "e0",
    encounter_class: "AMB",
    discharge_disposition: "",
    diagnosis_system: "",
    diagnosis_code: "",
    diagnosis_display: "",
  }),
];

describe("import-csv flat template: bad rows, through the CLI with --input and no --mapping", () => {
  let m: ImportManifest;
  let rejects: string[][];
  let stderr: string;

  before(() => {
    const dir = tempDir("flat-bad");
    const out = tempDir("flat-bad-out");
    const file = writeFlatCsv([...GOOD, ...BAD.map((b) => row(b.over))], dir, "ward register", FLAT_HEADER);
    const r = run(["--input", file, "--out", out, "--run", "r1"]);
    assert.equal(r.code, 0, r.stderr);
    stderr = r.stderr;
    const side = filesBelow(out).find((f) => f.endsWith("_r1/manifest.json"))!;
    assert.match(side, /^fhir\/ward-register\//, "--source defaults to the file's name");
    m = JSON.parse(fs.readFileSync(path.join(out, side), "utf8"));
    rejects = fs
      .readFileSync(path.join(out, path.dirname(side), "rejects.csv"), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(","));
  });

  BAD.forEach((b, i) =>
    it(`rejects ${b.kind}: row ${GOOD.length + i + 2}, ${b.column}, ${b.reason}`, () => {
      const found = rejects.filter((r) => r[2] === String(GOOD.length + i + 2));
      assert.equal(found.length, 1);
      assert.deepEqual(found[0].slice(0, 6), [
        "ward register.csv",
        "",
        String(GOOD.length + i + 2),
        b.field,
        b.column,
        b.reason,
      ]);
    }),
  );

  it("writes p1, f1, e1 and e0 once each, e1's two diagnoses, and the counts add up", () => {
    assert.equal(m.mapping, "flat-template.mapping.json");
    assert.equal(m.rowsRead, GOOD.length + BAD.length);
    assert.equal(m.rowsMapped, GOOD.length);
    assert.equal(
      Object.values(m.rejected).reduce((a, b) => a + b, 0),
      BAD.length,
    );
    assert.deepEqual(m.written, { Organization: 1, Patient: 1, Encounter: 2, Condition: 2 });
    assert.deepEqual(m.repeated, { Organization: 3, Patient: 3, Encounter: 2, Condition: 1 });
    assert.equal(rejects.length, BAD.length + 1, "a header and one line per rejected row");
    assert.match(stderr, /Imported 20 rows .* 6 resources written .*, 4 rows mapped, 16 rows rejected/);
  });

  it("names no cell value in rejects.csv, the manifest or stderr", () => {
    const text = rejects.join("\n") + JSON.stringify(m) + stderr;
    for (const b of BAD) if (b.secret) assert.ok(!text.includes(b.secret), b.kind);
    for (const s of ["Wanjiru", "Kamau", "Nairobi", "J18.9", "Clinic One"]) assert.ok(!text.includes(s), s);
  });

  it("reads the header-only template (named in capitals, .CSV) as no rows with the default mapping", async () => {
    const dir = tempDir("flat-empty");
    const file = path.join(dir, "TEMPLATE.CSV");
    fs.copyFileSync(path.join(__dirname, "..", "..", "..", "ingestion", "csv-import", "flat-template.csv"), file);
    const e = await importRegisters({ mapping: flatTemplateMapping(), files: [file], out: dir, source: "t", run: "e" });
    assert.deepEqual([e.rowsRead, e.rowsMapped, e.written, e.rejected], [0, 0, {}, {}]);
  });
});
