import { Row } from "../../dashboard/kpis";

/** A published row with every KPI column; flags default to false. */
export function kpiRow(key: Record<string, string | boolean | null>, values: Partial<Row> = {}): Row {
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

/** February's mortality, readmission and LOS withheld. */
const SUPPRESSED_DISCHARGES: Partial<Row> = {
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
};
/** March had no inpatient discharges: rates with no denominator. */
const NO_DISCHARGES: Partial<Row> = {
  inpatient_discharges: 0,
  inpatient_deaths: 0,
  mortality_rate: null,
  index_discharges: 0,
  readmissions_30d: 0,
  readmission_rate_30d: null,
  avg_length_of_stay_days: null,
};

const period = (grain: string, p: string, region: string | null) => ({
  period_grain: grain,
  period: p,
  all_regions: region === null,
  region,
});

/** One prevalence row as condition_prevalence_published writes it. */
export function prevalenceRow(
  year: string,
  region: string,
  code: string,
  display: string,
  population: number,
  patients: number,
  newCases: number,
): Row {
  const small = patients >= 1 && patients <= 10;
  return {
    year,
    region,
    condition_system: "http://snomed.info/sct",
    condition_code: code,
    condition_display: display,
    population,
    patients_with_condition: small ? null : patients,
    new_cases: small ? null : newCases,
    prevalence: small ? null : patients / population,
    incidence: small ? null : newCases / population,
    counts_suppressed: small,
    rates_suppressed: small,
  };
}

/**
 * views.json as the publish step writes it. Months 2024-01..2024-03 with February's discharge rates suppressed and
 * March without discharges, 2024-04 missing (a gap to fill); one quarter and one year; two regions, one hostile.
 */
export function sampleViews(): Record<string, Row[]> {
  return {
    kpi_by_period: [
      kpiRow(period("month", "2024-01", null), { infection_rate: 0.125 }),
      kpiRow(period("month", "2024-02", null), SUPPRESSED_DISCHARGES),
      kpiRow(period("month", "2024-03", null), NO_DISCHARGES),
      kpiRow(period("month", "2024-05", null)),
      kpiRow(period("month", "2024-01", "US/Massachusetts"), { infection_rate: 0.2 }),
      kpiRow(period("quarter", "2024-Q1", null), { infection_rate: 0.11 }),
      kpiRow(period("quarter", "2024-Q2", null)),
      kpiRow(period("year", "2024", null), { infection_rate: 0.105 }),
    ],
    kpi_by_region: [
      kpiRow({ region: "US/Massachusetts" }),
      kpiRow(
        { region: HOSTILE_REGION },
        { infection_rate: null, infection_encounters: null, infection_rate_suppressed: true, suppressed: true },
      ),
    ],
    kpi_by_facility: [
      kpiRow(
        { region: "US/Massachusetts", facility_id: "small-clinic", first_month: "2024-01", last_month: "2024-02" },
        {
          encounters: 5,
          ...SUPPRESSED_DISCHARGES,
        },
      ),
      kpiRow({ region: "US/Massachusetts", facility_id: "general", first_month: "2024-01", last_month: "2024-05" }),
      kpiRow({ region: HOSTILE_REGION, facility_id: "north", first_month: "2024-02", last_month: "2024-02" }),
    ],
    condition_prevalence_published: [
      prevalenceRow("2023", "US/Massachusetts", "44054006", "Diabetes", 400, 40, 8),
      prevalenceRow("2024", "US/Massachusetts", "44054006", "Diabetes", 500, 55, 15),
      prevalenceRow("2024", "US/Massachusetts", "38341003", "Hypertension", 500, 120, 30),
      prevalenceRow("2024", "US/Massachusetts", "840539006", "COVID-19", 500, 4, 4),
      prevalenceRow("2024", HOSTILE_REGION, "195662009", "Acute viral pharyngitis", 90, 30, 30),
    ],
  };
}
