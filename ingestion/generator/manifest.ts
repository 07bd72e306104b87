import { GenerateOptions } from "./generate-options";
import { ChangeFile } from "./fhir/changes";
import { KpiSums, KpiTotals, totalsOf } from "../kpi/kpi-totals";
import { PlantedRates } from "./model/population";
import { PrevalenceSums, PrevalenceTotals, prevalenceTotals } from "../kpi/prevalence";

/** The `_manifest.json` written beside the data (format in docs/generate-fhir.md). */
export interface Manifest {
  readonly generator: string;
  readonly options: Record<string, unknown>;
  readonly seed: string;
  readonly counts: Record<string, number>;
  readonly plantedRates: PlantedRates;
  readonly kpiTotals: KpiTotals;
  readonly lengthOfStayDaysSum: number;
  readonly prevalenceTotals: PrevalenceTotals;
  readonly changes: readonly { file: string; kind: string; resources: readonly string[] }[];
}

/** Builds the manifest; no paths of the machine and no clock, so two runs give the same bytes. */
export function buildManifest(
  o: GenerateOptions,
  counts: Record<string, number>,
  kpi: KpiSums,
  prevalence: PrevalenceSums,
  changes: readonly ChangeFile[],
): Manifest {
  const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  return {
    generator: "fhir-lakehouse generate-fhir 1",
    options: {
      patients: o.patients,
      format: o.format,
      gzip: o.gzip,
      population: o.populationSource,
      referenceDate: o.referenceDate,
      changes: o.changes,
      validate: o.validate,
    },
    seed: o.seed,
    counts: sorted,
    plantedRates: o.population.plantedRates,
    kpiTotals: totalsOf(kpi),
    lengthOfStayDaysSum: Math.round(kpi.length_of_stay_days_sum * 1e6) / 1e6,
    prevalenceTotals: prevalenceTotals(prevalence),
    changes: changes.map((c) => ({ file: `changes/${c.name}`, kind: c.kind, resources: c.resources })),
  };
}
