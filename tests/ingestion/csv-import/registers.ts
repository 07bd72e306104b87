/**
 * Test helpers: generated FHIR NDJSON flattened into the registers a small facility keeps (one table per
 * resource type), written as CSV files or as one XLSX workbook, with the mapping that imports them back.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import ROUND_TRIP_MAPPING from "./round-trip.mapping.json";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Cell = string | Date | undefined;

/** One register table: its name (file base or sheet), header and rows. */
export interface Register {
  readonly name: string;
  readonly resourceType: string;
  readonly header: readonly string[];
  readonly rows: Cell[][];
}

const pad = (n: number): string => String(n).padStart(2, "0");
/** `YYYY-MM-DD HH:mm:ss.SSS` of a FHIR instant, in UTC. */
function wall(t: string | undefined, asDate: boolean): Cell {
  if (t === undefined) return undefined;
  const d = new Date(t);
  if (asDate) return d;
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const ms = String(d.getUTCMilliseconds()).padStart(3, "0");
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${ms}`;
}
/** `DD/MM/YYYY` of a FHIR date. */
function day(t: string | undefined, asDate: boolean): Cell {
  if (t === undefined) return undefined;
  if (asDate) return new Date(`${t}T00:00:00Z`);
  const [y, m, d] = t.split("-");
  return `${d}/${m}/${y}`;
}
const idOf = (ref: string | undefined): string | undefined => ref?.split("/").pop();
const coding = (c: Json, system: string): Json | undefined => c.code?.coding?.find((x: Json) => x.system === system);

const ICD = "http://hl7.org/fhir/sid/icd-10-cm";
const SNOMED = "http://snomed.info/sct";

/** The generated NDJSON of `dir` as register tables; `asDate` writes dates as Date cells (for XLSX). */
export function registersOf(dir: string, asDate = false): Register[] {
  const read = (type: string): Json[] =>
    fs
      .readFileSync(path.join(dir, `${type}.ndjson`), "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l));
  const org = read("Organization").map((o) => [o.id, o.name, o.address?.[0]?.country, o.address?.[0]?.state]);
  const pat = read("Patient").map((p) => {
    const a = p.address?.[0] ?? {};
    const sex = { male: "M", female: "F" }[p.gender as string];
    return [p.id, sex, day(p.birthDate, asDate), wall(p.deceasedDateTime, asDate), a.country, a.state, a.postalCode];
  });
  const enc = read("Encounter").map((e) => [
    e.id,
    idOf(e.subject.reference),
    { IMP: "inpatient", AMB: "outpatient", EMER: "emergency" }[e.class.code as string],
    wall(e.period.start, asDate),
    wall(e.period.end, asDate),
    idOf(e.serviceProvider?.reference),
    { exp: "died", home: "home" }[e.hospitalization?.dischargeDisposition?.coding?.[0]?.code as string],
  ]);
  const cond = read("Condition").map((c) => [
    c.id,
    idOf(c.subject.reference),
    idOf(c.encounter?.reference),
    coding(c, ICD)?.code,
    coding(c, ICD)?.display,
    coding(c, SNOMED)?.code,
    c.clinicalStatus?.coding?.[0]?.code,
    c.verificationStatus?.coding?.[0]?.code,
    wall(c.onsetDateTime, asDate),
    wall(c.abatementDateTime, asDate),
  ]);
  return [
    { name: "facilities", resourceType: "Organization", header: ["code", "name", "country", "state"], rows: org },
    {
      name: "patients",
      resourceType: "Patient",
      header: ["patient_no", "sex", "dob", "died_at", "country", "state", "postcode"],
      rows: pat,
    },
    {
      name: "admissions",
      resourceType: "Encounter",
      header: ["admission_no", "patient_no", "type", "admitted", "discharged", "facility", "outcome"],
      rows: enc,
    },
    {
      name: "diagnoses",
      resourceType: "Condition",
      header: [
        "dx_no",
        "patient_no",
        "admission_no",
        "icd10",
        "diagnosis",
        "snomed",
        "status",
        "verified",
        "onset",
        "resolved",
      ],
      rows: cond,
    },
  ];
}

const csvCell = (c: Cell): string => {
  const s = c === undefined ? "" : String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Writes one CSV text of header and rows. */
export function csvText(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

/** Writes each register as `<dir>/<name>.csv`; returns the paths. */
export function writeCsvRegisters(regs: readonly Register[], dir: string): string[] {
  return regs.map((r) => {
    const file = path.join(dir, `${r.name}.csv`);
    fs.writeFileSync(file, csvText(r.header, r.rows));
    return file;
  });
}

/** Writes the registers as sheets of one workbook `<dir>/<name>` (streaming writer); returns its path. */
export async function writeXlsxRegisters(
  regs: readonly Register[],
  dir: string,
  name = "registers.xlsx",
): Promise<string> {
  const file = path.join(dir, name);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  for (const r of regs) {
    const ws = wb.addWorksheet(r.name);
    ws.addRow([...r.header]).commit();
    for (const row of r.rows) {
      const added = ws.addRow(row.map((c) => c ?? null));
      added.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = "yyyy-mm-dd hh:mm:ss";
      });
      added.commit();
    }
    ws.commit();
  }
  await wb.commit();
  return file;
}

/** The mapping that imports `registersOf`'s tables back, from CSV files or from sheets of `workbook`. */
export function roundTripMapping(workbook?: string): Json {
  return asWorkbook(ROUND_TRIP_MAPPING, workbook);
}

/** A copy of a mapping of CSV tables whose tables are sheets of `workbook` instead (named as the files). */
export function asWorkbook(mapping: Json, workbook?: string): Json {
  const m = structuredClone(mapping);
  if (workbook) m.tables = m.tables.map((t: Json) => ({ ...t, file: workbook, sheet: t.file.replace(/\.csv$/, "") }));
  return m;
}
