/**
 * Test helper: generated FHIR NDJSON flattened to the flat template (ingestion/csv-import/flat-template.csv),
 * one row per encounter diagnosis (an encounter with no diagnosis is one row with empty diagnosis cells, a
 * patient with no encounter one row with empty encounter cells), as CSV text or a one-sheet workbook.
 */
import * as fs from "fs";
import * as path from "path";
import { csvText, writeXlsxRegisters } from "./registers";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Cell = string | Date | undefined;

/** The flat template's header, as in ingestion/csv-import/flat-template.csv. */
export const FLAT_HEADER = fs
  .readFileSync(path.join(__dirname, "..", "..", "..", "ingestion", "csv-import", "flat-template.csv"), "utf8")
  .trim()
  .split(",");

/** The flat header with the optional `diagnosis_resolved_at` column. */
export const FLAT_HEADER_RESOLVED = [...FLAT_HEADER, "diagnosis_resolved_at"];

const ICD = "http://hl7.org/fhir/sid/icd-10-cm";
const idOf = (ref: string | undefined): string | undefined => ref?.split("/").pop();

function read(dir: string, type: string): Json[] {
  return fs
    .readFileSync(path.join(dir, `${type}.ndjson`), "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l));
}

/** The flat rows of a folder of generated NDJSON, in FLAT_HEADER_RESOLVED order; `asDate`: Date cells (XLSX). */
export function flatRowsOf(dir: string, asDate = false): Cell[][] {
  const t = (s: string | undefined): Cell => (s === undefined ? undefined : asDate ? new Date(s) : s);
  const orgs = new Map(read(dir, "Organization").map((o) => [o.id as string, o]));
  const conds = new Map<string, Json[]>();
  for (const c of read(dir, "Condition")) {
    const e = idOf(c.encounter?.reference) ?? "";
    conds.set(e, [...(conds.get(e) ?? []), c]);
  }
  const encs = new Map<string, Json[]>();
  for (const e of read(dir, "Encounter")) {
    const p = idOf(e.subject.reference)!;
    encs.set(p, [...(encs.get(p) ?? []), e]);
  }
  const rows: Cell[][] = [];
  for (const p of read(dir, "Patient")) {
    const a = p.address?.[0] ?? {};
    const person = [p.id, p.name?.[0]?.given?.[0], p.name?.[0]?.family, p.gender, p.birthDate];
    const pat = [...person, t(p.deceasedDateTime), a.country, a.state];
    for (const e of encs.get(p.id) ?? [{}]) {
      const f = orgs.get(idOf(e.serviceProvider?.reference) ?? "");
      const disposition = e.hospitalization?.dischargeDisposition?.coding?.[0]?.code;
      const enc = [f?.id, f?.name, e.id, e.class?.code, t(e.period?.start), t(e.period?.end), disposition];
      for (const c of conds.get(e.id) ?? [{}]) {
        const code = c.code?.coding?.find((x: Json) => x.system === ICD);
        const dx = [code && "ICD-10-CM", code?.code, code?.display, t(c.abatementDateTime)];
        rows.push([...pat, ...enc, ...dx]);
      }
    }
  }
  return rows;
}

/** Writes the flat rows as `<dir>/<name>.csv`; returns its path. */
export function writeFlatCsv(rows: readonly Cell[][], dir: string, name = "export", header = FLAT_HEADER_RESOLVED) {
  const file = path.join(dir, `${name}.csv`);
  fs.writeFileSync(file, csvText(header, rows as Cell[][]));
  return file;
}

/** Writes the flat rows as the only sheet ("Sheet1") of `<dir>/<name>.xlsx`; returns its path. */
export function writeFlatXlsx(rows: Cell[][], dir: string, name = "export"): Promise<string> {
  const reg = { name: "Sheet1", resourceType: "", header: FLAT_HEADER_RESOLVED, rows };
  return writeXlsxRegisters([reg], dir, `${name}.xlsx`);
}
