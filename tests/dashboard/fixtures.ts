import { Row } from "../../dashboard/kpis";

/** A published row with every KPI column; flags default to false. */
export function kpiRow(key: Record<string, string>, values: Partial<Row> = {}): Row {
  return {
    ...key,
    encounters: 40,
    infection_encounters: 4,
    infection_rate: 0.1,
    inpatient_discharges: 20,
    inpatient_deaths: 2,
    mortality_rate: 0.1,
    index_discharges: 18,
    readmissions_30d: 3,
    readmission_rate_30d: 3 / 18,
    avg_length_of_stay_days: 4.25,
    infection_rate_suppressed: false,
    mortality_rate_suppressed: false,
    readmission_rate_suppressed: false,
    los_suppressed: false,
    suppressed: false,
    ...values,
  };
}

/** The region name that tries to break out of the page. */
export const HOSTILE_REGION = `US/<script>alert("x")</script>&'`;

/** views.json as the publish step writes it: February's mortality is suppressed, March has no discharges. */
export function sampleViews(): Record<string, Row[]> {
  return {
    kpi_by_month: [
      kpiRow({ month: "2024-01" }, { infection_rate: 0.125 }),
      kpiRow(
        { month: "2024-02" },
        {
          inpatient_discharges: 7,
          inpatient_deaths: null,
          mortality_rate: null,
          mortality_rate_suppressed: true,
          index_discharges: null,
          readmissions_30d: null,
          readmission_rate_30d: null,
          readmission_rate_suppressed: true,
          avg_length_of_stay_days: null,
          los_suppressed: true,
          suppressed: true,
        },
      ),
      kpiRow(
        { month: "2024-03" },
        {
          inpatient_discharges: 0,
          inpatient_deaths: 0,
          mortality_rate: null,
          index_discharges: 0,
          readmissions_30d: 0,
          readmission_rate_30d: null,
          avg_length_of_stay_days: null,
        },
      ),
    ],
    kpi_by_region: [
      kpiRow({ region: "US/Massachusetts" }),
      kpiRow(
        { region: HOSTILE_REGION },
        { infection_rate: null, infection_encounters: null, infection_rate_suppressed: true, suppressed: true },
      ),
    ],
  };
}
