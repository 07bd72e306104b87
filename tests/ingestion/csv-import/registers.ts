/**
 * Test helpers: generated FHIR NDJSON flattened into the registers a small facility keeps (one table per
 * resource type), written as CSV files or as one XLSX workbook, with the mapping that imports them back.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";

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
  const where = (name: string): Json => (workbook ? { file: workbook, sheet: name } : { file: `${name}.csv` });
  const col = (column: string): Json => ({ column });
  return {
    dateFormat: "DD/MM/YYYY",
    dateTimeFormat: "YYYY-MM-DD HH:mm:ss.SSS",
    utcOffset: "Z",
    tables: [
      {
        ...where("facilities"),
        resourceType: "Organization",
        fields: {
          id: col("code"),
          name: col("name"),
          "address.country": col("country"),
          "address.state": col("state"),
        },
      },
      {
        ...where("patients"),
        resourceType: "Patient",
        fields: {
          id: col("patient_no"),
          gender: { column: "sex", codes: { M: "male", F: "female" } },
          birthDate: col("dob"),
          deceasedDateTime: col("died_at"),
          "address.country": col("country"),
          "address.state": col("state"),
          "address.postalCode": col("postcode"),
        },
      },
      {
        ...where("admissions"),
        resourceType: "Encounter",
        fields: {
          id: col("admission_no"),
          subject: col("patient_no"),
          class: { column: "type", codes: { inpatient: "IMP", outpatient: "AMB", emergency: "EMER" } },
          "period.start": col("admitted"),
          "period.end": col("discharged"),
          serviceProvider: col("facility"),
          dischargeDisposition: { column: "outcome", codes: { died: "exp", home: "home" } },
        },
      },
      {
        ...where("diagnoses"),
        resourceType: "Condition",
        fields: {
          id: col("dx_no"),
          subject: col("patient_no"),
          encounter: col("admission_no"),
          "code.system": { value: ICD },
          "code.code": col("icd10"),
          "code.display": col("diagnosis"),
          "code2.system": { value: SNOMED },
          "code2.code": col("snomed"),
          clinicalStatus: col("status"),
          verificationStatus: col("verified"),
          onsetDateTime: col("onset"),
          abatementDateTime: col("resolved"),
        },
      },
    ],
  };
}
