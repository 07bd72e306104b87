/**
 * The elements a register column can feed, per FHIR resource type: the mapping's field names, what kind of value
 * each holds and which are required. One table for the mapping's checks and for the row builders.
 */

/** What a cell becomes: its parser and, for codes, the values FHIR R4 allows. */
export type ElementKind =
  | { readonly kind: "id" }
  | { readonly kind: "text" }
  | { readonly kind: "date" }
  | { readonly kind: "dateTime" }
  | { readonly kind: "number" }
  | { readonly kind: "boolean" }
  | { readonly kind: "code"; readonly allowed?: readonly string[] }
  | { readonly kind: "reference"; readonly target: ImportType };

/** One mappable element: where it goes in the resource (see builders.ts) and whether every row needs it. */
export interface ElementDef {
  readonly type: ElementKind;
  readonly required?: boolean;
}

/** The resource types a register table can produce, in the order they are imported (references point back). */
export const IMPORT_TYPES = ["Organization", "Patient", "Encounter", "Condition", "Observation"] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

const id: ElementDef = { type: { kind: "id" }, required: true };
const text: ElementDef = { type: { kind: "text" } };
const dateTime: ElementDef = { type: { kind: "dateTime" } };
const ref = (target: ImportType, required = false): ElementDef => ({ type: { kind: "reference", target }, required });
const code = (allowed?: readonly string[], required = false): ElementDef => ({
  type: { kind: "code", allowed },
  required,
});

const ADDRESS = {
  "address.country": text,
  "address.state": text,
  "address.district": text,
  "address.city": text,
  "address.postalCode": text,
};

const CODING = (n: string, required: boolean): Record<string, ElementDef> => ({
  [`${n}.system`]: { type: { kind: "text" }, required },
  [`${n}.code`]: { type: { kind: "code" }, required },
  [`${n}.display`]: text,
});

/** v3-ActCode classes the lake reads (docs/kpis.md: IMP, ACUTE, NONAC are inpatient). */
export const ENCOUNTER_CLASSES = ["AMB", "EMER", "IMP", "ACUTE", "NONAC", "OBSENC", "PRENC", "SS", "VR", "HH", "FLD"];
/** The discharge-disposition code system's codes (exp = expired). */
export const DISPOSITIONS = [
  "home",
  "alt-home",
  "other-hcf",
  "hosp",
  "long",
  "aadvice",
  "exp",
  "psy",
  "rehab",
  "snf",
  "oth",
];

/** Field names per type (mapping keys under `fields`). */
export const ELEMENTS: Record<ImportType, Record<string, ElementDef>> = {
  Organization: { id, name: text, ...ADDRESS },
  Patient: {
    id,
    "identifier.system": text,
    "identifier.value": text,
    "name.given": text,
    "name.family": text,
    gender: code(["male", "female", "other", "unknown"]),
    birthDate: { type: { kind: "date" } },
    deceasedDateTime: dateTime,
    deceasedBoolean: { type: { kind: "boolean" } },
    ...ADDRESS,
  },
  Encounter: {
    id,
    subject: ref("Patient", true),
    status: code(["planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled"]),
    class: code(ENCOUNTER_CLASSES, true),
    "period.start": { type: { kind: "dateTime" }, required: true },
    "period.end": dateTime,
    serviceProvider: ref("Organization"),
    dischargeDisposition: code(DISPOSITIONS),
  },
  Condition: {
    id,
    subject: ref("Patient", true),
    encounter: ref("Encounter"),
    ...CODING("code", true),
    ...CODING("code2", false),
    clinicalStatus: code(["active", "recurrence", "relapse", "inactive", "remission", "resolved"]),
    verificationStatus: code([
      "unconfirmed",
      "provisional",
      "differential",
      "confirmed",
      "refuted",
      "entered-in-error",
    ]),
    onsetDateTime: dateTime,
    abatementDateTime: dateTime,
    recordedDate: dateTime,
  },
  Observation: {
    id,
    subject: ref("Patient", true),
    encounter: ref("Encounter"),
    status: code(["registered", "preliminary", "final", "amended", "corrected", "cancelled"]),
    ...CODING("code", true),
    effectiveDateTime: { type: { kind: "dateTime" }, required: true },
    "valueQuantity.value": { type: { kind: "number" } },
    "valueQuantity.unit": text,
    "valueQuantity.code": text,
  },
};

/** The pairs of fields whose second must not lie before the first (reason end-before-start). */
export const ORDERED: Partial<Record<ImportType, readonly [string, string]>> = {
  Patient: ["birthDate", "deceasedDateTime"],
  Encounter: ["period.start", "period.end"],
  Condition: ["onsetDateTime", "abatementDateTime"],
};
