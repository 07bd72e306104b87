import { strict as assert } from "assert";
import { generateTo } from "./helpers";

describe("generate-fhir planted rates", () => {
  it(
    "the manifest's KPI totals recover the planted rates " + "at 5,000 patients (ndjson, 2 workers, validation off)",
    async () => {
      // Validation is covered by the format tests; here only the numbers matter, and this keeps the test to seconds.
      const { manifest } = await generateTo("rates", {
        patients: 5000,
        format: "ndjson",
        validate: false,
        workers: 2,
        chunkSize: 500,
      });
      const k = manifest.kpiTotals;
      const p = manifest.plantedRates;
      assert.ok(k.inpatient_discharges > 1000, `only ${k.inpatient_discharges} discharges`);
      const near = (name: string, got: number, want: number, tol: number): void =>
        assert.ok(Math.abs(got - want) <= tol, `${name}: got ${got.toFixed(4)}, planted ${want}`);
      near("infection share", k.infection_encounters / k.encounters, p.infectionShare, 0.02);
      near("in-hospital mortality", k.inpatient_deaths / k.inpatient_discharges, p.inHospitalMortality, 0.015);
      near("30-day readmission", k.readmissions_30d / k.index_discharges, p.readmission30d, 0.025);
      near("mean length of stay", k.avg_length_of_stay_days!, p.meanLengthOfStayDays, 0.2);
      assert.equal(k.index_discharges, k.inpatient_discharges - k.inpatient_deaths);
    },
  );
});
