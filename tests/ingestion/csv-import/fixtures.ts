/**
 * A small hand-written facility register (CSV) with one row of each bad kind, the mapping that imports it, and
 * what each bad row must be rejected for.
 */
import * as fs from "fs";
import * as path from "path";
import { csvText } from "./registers";
import BAD_ROWS_MAPPING from "./bad-rows.mapping.json";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One expected reject: file, row (header = 1), field, reason, and the cell text that must never be shown. */
export interface ExpectedReject {
  readonly file: string;
  readonly row: number;
  readonly field: string;
  readonly reason: string;
  readonly secret?: string;
}

const P = ["patient_no", "sex", "dob", "died_at", "county"];
const patients = [
  ["p1", "M", "01/02/1980", "", "Nairobi"],
  ["p2", "F", "31/02/1981", "", "Nairobi"],
  ["p3", "F", "01/02/2999", "", "Nairobi"],
  ["p4", "F", "01/02/1701", "", "Nairobi"],
  ["p5", "Q", "01/02/1982", "", "Nairobi"],
  ["", "F", "01/02/1983", "", "Nairobi"],
  ["p1", "M", "01/02/1984", "", "Nairobi"],
  ["p6", "F", "01/02/1985", "Mombasa"],
  ["bad/id", "F", "01/02/1986", "", "Nairobi"],
  ["p7", "F", "01/02/1987", "05/03/2024 10:00", "Kisumu"],
];
const E = ["adm_no", "patient_no", "type", "admitted", "discharged", "facility", "outcome"];
const encounters = [
  ["e1", "p1", "inpatient", "01/03/2024 08:00", "04/03/2024 12:00", "f1", "home"],
  ["e2", "p404", "inpatient", "01/03/2024 08:00", "", "f1", ""],
  ["e3", "p1", "inpatient", "05/03/2024 08:00", "02/03/2024 12:00", "f1", "home"],
  ["e4", "p1", "spaceship", "01/03/2024 08:00", "", "f1", ""],
  ["e5", "p7", "inpatient", "01/03/2024 08:00", "05/03/2024 11:00", "f404", "died"],
  ["e6", "p7", "inpatient", "1st March", "05/03/2024 11:00", "f1", "died"],
];
const C = ["dx_no", "patient_no", "adm_no", "icd10", "onset"];
const conditions = [
  ["c1", "p1", "e1", "J18.9", "01/03/2024 09:00"],
  ["c2", "p1", "e404", "J18.9", "01/03/2024 09:00"],
  ["c3", "p1", "e1", "", "01/03/2024 09:00"],
];
const O = ["obs_no", "patient_no", "adm_no", "taken", "temp"];
const observations = [
  ["o1", "p1", "e1", "01/03/2024 10:00", "38.5"],
  ["o2", "p1", "e1", "01/03/2024 11:00", "hot-ish"],
];

/** The rejects the fixture must give, in file order (rows read 22: 6 written, 16 rejected). */
export const EXPECTED_REJECTS: readonly ExpectedReject[] = [
  { file: "patients.csv", row: 3, field: "birthDate", reason: "bad-date", secret: "31/02/1981" },
  { file: "patients.csv", row: 4, field: "birthDate", reason: "future-date", secret: "01/02/2999" },
  { file: "patients.csv", row: 5, field: "birthDate", reason: "impossible-date", secret: "01/02/1701" },
  { file: "patients.csv", row: 6, field: "gender", reason: "unknown-code" },
  { file: "patients.csv", row: 7, field: "id", reason: "missing-value" },
  { file: "patients.csv", row: 8, field: "id", reason: "duplicate-id", secret: "01/02/1984" },
  { file: "patients.csv", row: 9, field: "", reason: "wrong-cell-count", secret: "Mombasa" },
  { file: "patients.csv", row: 10, field: "id", reason: "bad-id", secret: "bad/id" },
  { file: "admissions.csv", row: 3, field: "subject", reason: "dangling-reference", secret: "p404" },
  { file: "admissions.csv", row: 4, field: "period.end", reason: "end-before-start", secret: "02/03/2024 12:00" },
  { file: "admissions.csv", row: 5, field: "class", reason: "unknown-code", secret: "spaceship" },
  { file: "admissions.csv", row: 6, field: "serviceProvider", reason: "dangling-reference", secret: "f404" },
  { file: "admissions.csv", row: 7, field: "period.start", reason: "bad-date", secret: "1st March" },
  { file: "diagnoses.csv", row: 3, field: "encounter", reason: "dangling-reference", secret: "e404" },
  { file: "diagnoses.csv", row: 4, field: "code.code", reason: "missing-value" },
  { file: "observations.csv", row: 3, field: "valueQuantity.value", reason: "bad-number", secret: "hot-ish" },
];

/** The fixture's mapping (as parsed JSON, a fresh copy to edit). */
export function badRowsMapping(): Json {
  return structuredClone(BAD_ROWS_MAPPING);
}

/** Writes the fixture's CSV files and mapping.json into `dir`; returns the register paths and the mapping path. */
export function writeBadRows(dir: string): { files: string[]; mapping: string } {
  const tables: [string, string[], string[][]][] = [
    ["facilities.csv", ["code", "name"], [["f1", "Clinic One"]]],
    ["patients.csv", P, patients],
    ["admissions.csv", E, encounters],
    ["diagnoses.csv", C, conditions],
    ["observations.csv", O, observations],
  ];
  const files = tables.map(([name, header, rows]) => {
    fs.writeFileSync(path.join(dir, name), csvText(header, rows));
    return path.join(dir, name);
  });
  const mapping = path.join(dir, "mapping.json");
  fs.writeFileSync(mapping, JSON.stringify(badRowsMapping(), null, 2));
  return { files, mapping };
}
