/** A FHIR resource as plain JSON. */
export interface Resource {
  resourceType: string;
  id: string;
  meta: { lastUpdated: string };
  [key: string]: unknown;
}

/** Writes a reference to a resource of this patient: `urn:uuid:<id>` in bundles, `Type/id` in ndjson. */
export type RefFn = (type: string, id: string) => string;

/** Reference style per output format. */
export const refStyle = {
  bundle: ((_type: string, id: string) => `urn:uuid:${id}`) as RefFn,
  ndjson: ((type: string, id: string) => `${type}/${id}`) as RefFn,
};

export { date, instant } from "./time-text";

/** Code systems used by the builders. */
export const SYS = {
  actCode: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
  disposition: "http://terminology.hl7.org/CodeSystem/discharge-disposition",
  icd10cm: "http://hl7.org/fhir/sid/icd-10-cm",
  snomed: "http://snomed.info/sct",
  loinc: "http://loinc.org",
  ucum: "http://unitsofmeasure.org",
  obsCategory: "http://terminology.hl7.org/CodeSystem/observation-category",
  condClinical: "http://terminology.hl7.org/CodeSystem/condition-clinical",
  condVerification: "http://terminology.hl7.org/CodeSystem/condition-ver-status",
  condCategory: "http://terminology.hl7.org/CodeSystem/condition-category",
  mrn: "urn:fhir-lakehouse:synthetic:mrn",
} as const;
