/**
 * Row -> resource builders, one per FHIR type: the converted field values (by mapping field name) become the
 * R4 JSON the generator writes for the same facts (ingestion/generator/fhir/resources.ts), so the lake reads
 * imported and generated data alike.
 */
import { ImportType } from "./elements";
import { SYS } from "../generator/fhir/types";

type Json = Record<string, unknown>;
/** Converted values of one row, by field name (absent: empty cell or unmapped). */
export type Values = ReadonlyMap<string, string | boolean | number>;

const str = (v: Values, k: string): string | undefined => v.get(k) as string | undefined;

/** Drops undefined members and empty objects, so a row without a value leaves the element out. */
function clean<T extends Json>(o: T): T | undefined {
  const out: Json = {};
  for (const [k, x] of Object.entries(o)) if (x !== undefined) out[k] = x;
  return Object.keys(out).length === 0 ? undefined : (out as T);
}

function address(v: Values): Json[] | undefined {
  const a = clean({
    district: str(v, "address.district"),
    city: str(v, "address.city"),
    state: str(v, "address.state"),
    postalCode: str(v, "address.postalCode"),
    country: str(v, "address.country"),
  });
  return a && [a];
}

const ref = (type: string, id: string | undefined): Json | undefined =>
  id === undefined ? undefined : { reference: `${type}/${id}` };

const concept = (system: string, code: string | undefined): Json | undefined =>
  code === undefined ? undefined : { coding: [{ system, code }] };

function codings(v: Values): Json[] {
  const out: Json[] = [];
  for (const n of ["code", "code2"]) {
    const c = clean({ system: str(v, `${n}.system`), code: str(v, `${n}.code`), display: str(v, `${n}.display`) });
    if (c?.code !== undefined) out.push(c);
  }
  return out;
}

function organization(v: Values): Json {
  return { active: true, name: str(v, "name"), address: address(v) };
}

function patient(v: Values): Json {
  const idValue = str(v, "identifier.value");
  const deceasedAt = str(v, "deceasedDateTime");
  const given = str(v, "name.given");
  const name = clean({ family: str(v, "name.family"), given: given === undefined ? undefined : [given] });
  return {
    identifier: idValue === undefined ? undefined : [clean({ system: str(v, "identifier.system"), value: idValue })],
    name: name && [name],
    gender: str(v, "gender"),
    birthDate: str(v, "birthDate"),
    deceasedDateTime: deceasedAt,
    deceasedBoolean: deceasedAt === undefined ? (v.get("deceasedBoolean") as boolean | undefined) : undefined,
    address: address(v),
  };
}

function encounter(v: Values): Json {
  const end = str(v, "period.end");
  const disposition = str(v, "dischargeDisposition");
  return {
    status: str(v, "status") ?? (end === undefined ? "in-progress" : "finished"),
    class: { system: SYS.actCode, code: str(v, "class") },
    subject: ref("Patient", str(v, "subject")),
    period: clean({ start: str(v, "period.start"), end }),
    serviceProvider: ref("Organization", str(v, "serviceProvider")),
    hospitalization:
      disposition === undefined ? undefined : { dischargeDisposition: concept(SYS.disposition, disposition) },
  };
}

function condition(v: Values): Json {
  return {
    clinicalStatus: concept(SYS.condClinical, str(v, "clinicalStatus")),
    verificationStatus: concept(SYS.condVerification, str(v, "verificationStatus")),
    code: { coding: codings(v) },
    subject: ref("Patient", str(v, "subject")),
    encounter: ref("Encounter", str(v, "encounter")),
    onsetDateTime: str(v, "onsetDateTime"),
    abatementDateTime: str(v, "abatementDateTime"),
    recordedDate: str(v, "recordedDate"),
  };
}

function observation(v: Values): Json {
  const value = v.get("valueQuantity.value") as number | undefined;
  return {
    status: str(v, "status") ?? "final",
    code: { coding: codings(v) },
    subject: ref("Patient", str(v, "subject")),
    encounter: ref("Encounter", str(v, "encounter")),
    effectiveDateTime: str(v, "effectiveDateTime"),
    valueQuantity:
      value === undefined
        ? undefined
        : clean({
            value,
            unit: str(v, "valueQuantity.unit"),
            system: v.has("valueQuantity.code") ? SYS.ucum : undefined,
            code: str(v, "valueQuantity.code"),
          }),
  };
}

const BUILDERS: Record<ImportType, (v: Values) => Json> = {
  Organization: organization,
  Patient: patient,
  Encounter: encounter,
  Condition: condition,
  Observation: observation,
};

/** The resource of one row; `lastUpdated` is the import's time (a later import of a corrected register wins). */
export function buildResource(type: ImportType, v: Values, lastUpdated: string): Json {
  const body = clean(BUILDERS[type](v)) ?? {};
  return { resourceType: type, id: str(v, "id"), meta: { lastUpdated }, ...body };
}
