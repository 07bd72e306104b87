import { strict as assert } from "assert";
import { computeKpiSums } from "../../ingestion/kpi/compute";
import { finalState, refKey, totalsOf } from "../../ingestion/kpi/kpi-totals";

type Json = Record<string, unknown>;
let n = 0;
const DISP = "http://terminology.hl7.org/CodeSystem/discharge-disposition";

function enc(
  patient: string,
  cls: string,
  start: string,
  end?: string,
  disp?: string,
  id = `e${n++}`,
  lastUpdated = "2024-01-01T00:00:00Z",
): Json {
  const r: Json = {
    resourceType: "Encounter",
    id,
    meta: { lastUpdated },
    class: { code: cls },
    subject: { reference: `Patient/${patient}` },
    period: end ? { start, end } : { start },
  };
  if (disp) r.hospitalization = { dischargeDisposition: { coding: [{ system: DISP, code: disp }] } };
  return r;
}
const pat = (id: string, deceased?: string): Json => ({
  resourceType: "Patient",
  id,
  meta: { lastUpdated: "2024-01-01T00:00:00Z" },
  ...(deceased ? { deceasedDateTime: deceased } : {}),
});
const cond = (encId: string, system: string, code: string): Json => ({
  resourceType: "Condition",
  id: `c${n++}`,
  meta: { lastUpdated: "2024-01-01T00:00:00Z" },
  code: { coding: [{ system, code }] },
  encounter: { reference: `urn:uuid:${encId}` },
});

describe("KPI totals (docs/kpis.md)", () => {
  it("counts a readmission at exactly 30 days but not at 30 days and one second", () => {
    const a = [
      pat("p"),
      enc("p", "IMP", "2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z"),
      enc("p", "IMP", "2024-02-02T00:00:00Z", "2024-02-03T00:00:00Z"),
    ];
    assert.equal(computeKpiSums(a).readmissions_30d, 1);
    const b = [
      pat("q"),
      enc("q", "IMP", "2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z"),
      enc("q", "IMP", "2024-02-02T00:00:01Z", "2024-02-03T00:00:00Z"),
    ];
    assert.equal(computeKpiSums(b).readmissions_30d, 0);
  });

  it("does not count a readmission starting at the discharge instant (0 < gap)", () => {
    const a = [
      enc("p", "IMP", "2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z"),
      enc("p", "IMP", "2024-01-03T00:00:00Z", "2024-01-04T00:00:00Z"),
    ];
    assert.equal(computeKpiSums(a).readmissions_30d, 0);
  });

  it(
    "counts a death at discharge by disposition and by " + "deceased time within a day, and not as an index discharge",
    () => {
      const s = computeKpiSums([
        pat("a"),
        enc("a", "IMP", "2024-01-01T00:00:00Z", "2024-01-05T00:00:00Z", "exp"),
        pat("b", "2024-03-05T20:00:00Z"),
        enc("b", "IMP", "2024-03-01T00:00:00Z", "2024-03-05T00:00:00Z", "home"),
        pat("c", "2024-06-10T00:00:00Z"),
        enc("c", "IMP", "2024-06-01T00:00:00Z", "2024-06-05T00:00:00Z", "home"),
      ]);
      assert.equal(s.inpatient_discharges, 3);
      assert.equal(s.inpatient_deaths, 2);
      assert.equal(s.index_discharges, 1);
    },
  );

  it("leaves still-admitted stays out of discharges but counts them as encounters", () => {
    const s = computeKpiSums([
      enc("p", "IMP", "2024-01-01T00:00:00Z"),
      enc("p", "AMB", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"),
    ]);
    assert.equal(s.encounters, 2);
    assert.equal(s.inpatient_discharges, 0);
  });

  it("gives null average length of stay on zero discharges and the exact mean otherwise", () => {
    assert.equal(totalsOf(computeKpiSums([])).avg_length_of_stay_days, null);
    const s = computeKpiSums([
      enc("p", "IMP", "2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z"),
      enc("q", "ACUTE", "2024-01-01T00:00:00Z", "2024-01-02T12:00:00Z"),
    ]);
    assert.equal(totalsOf(s).avg_length_of_stay_days, 1.75);
  });

  it("counts an infection encounter once when an ICD-10 or SNOMED infection code references it", () => {
    const e1 = enc("p", "AMB", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z");
    const e2 = enc("p", "AMB", "2024-02-01T00:00:00Z", "2024-02-01T01:00:00Z");
    const e3 = enc("p", "AMB", "2024-03-01T00:00:00Z", "2024-03-01T01:00:00Z");
    const s = computeKpiSums([
      e1,
      e2,
      e3,
      cond(e1.id as string, "http://hl7.org/fhir/sid/icd-10-cm", "J18.9"),
      cond(e1.id as string, "http://snomed.info/sct", "233604007"),
      cond(e2.id as string, "http://snomed.info/sct", "38341003"),
      cond(e3.id as string, "http://hl7.org/fhir/sid/icd-10-cm", "N390"),
    ]);
    assert.equal(s.infection_encounters, 2);
  });

  it("keeps the latest version even when an older one comes later, and applies deletes unless re-created later", () => {
    const newer = enc("p", "IMP", "2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z", "home", "x", "2024-01-03T00:00:00Z");
    const older = enc("p", "IMP", "2024-01-01T00:00:00Z", undefined, undefined, "x", "2024-01-01T00:00:00Z");
    assert.equal(computeKpiSums([newer, older]).inpatient_discharges, 1);
    const del = [{ type: "Encounter", id: "x", timestamp: "2024-05-01T00:00:00Z" }];
    assert.equal(computeKpiSums([newer], del).encounters, 0);
    const recreated = { ...newer, meta: { lastUpdated: "2024-06-01T00:00:00Z" } };
    assert.equal(finalState([newer, recreated], del).size, 1);
  });

  it("resolves Type/id, urn:uuid and absolute references to the id, as silver's getReferenceKey(Patient)", () => {
    const refs = ["Patient/1", "urn:uuid:2", "https://x.org/fhir/Patient/3", "Patient/4/_history/2"];
    assert.deepEqual(
      refs.map((r) => refKey(r, "Patient")),
      ["1", "2", "3", "4"],
    );
    for (const other of ["Group/5", "5", "Patient/", "https://x.org/fhir/Practitioner/6", undefined])
      assert.equal(refKey(other, "Patient"), undefined, String(other));
  });
});
