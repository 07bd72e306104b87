import { Prng } from "./prng";
import { ConditionDef, Facility, Population, Region } from "./population";

/** Encounter class codes (v3-ActCode) the generator writes. */
export type EncounterClass = "AMB" | "EMER" | "IMP";

/** One planned encounter; times are epoch milliseconds (UTC). `end` is absent while still admitted. */
export interface PlannedEncounter {
  readonly cls: EncounterClass;
  readonly start: number;
  readonly end?: number;
  readonly facility: Facility;
  readonly died: boolean;
  readonly infection?: ConditionDef;
  /** Chronic conditions first recorded in this encounter. */
  readonly chronic: readonly ConditionDef[];
}

/** A patient's planned life in the data window: demographics and encounters in time order. */
export interface PatientPlan {
  readonly region: Region;
  readonly sex: "female" | "male";
  readonly birth: number;
  readonly encounters: readonly PlannedEncounter[];
  /** Set when the patient died (always at the end of their last, inpatient, encounter). */
  readonly deceasedAt?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** New episodes stop this long before the reference date, so planted readmissions still fit in the window. */
const TAIL = 45 * DAY;

/** Length of an encounter in ms: minutes for AMB, hours for EMER, days (mean = planted) for IMP. */
function duration(rng: Prng, cls: EncounterClass, meanLosDays: number): number {
  if (cls === "AMB") return rng.int(15, 60) * 60_000;
  if (cls === "EMER") return rng.int(90, 600) * 60_000;
  // Uniform on [0.3m, 1.7m]: mean m, never a zero-length stay.
  return Math.round(meanLosDays * rng.range(0.3, 1.7) * DAY);
}

/** Plans one patient from the model; `refMs` is the reference date (nothing happens after it). */
export function planPatient(rng: Prng, pop: Population, refMs: number): PatientPlan {
  const region = rng.weighted(pop.regions, (r) => r.weight);
  const sex = rng.chance(pop.sexMix.female / (pop.sexMix.female + pop.sexMix.male)) ? "female" : "male";
  const band = rng.weighted(pop.ageMix, (b) => b.weight);
  const birth = Math.floor((refMs - rng.range(band.minAge, band.maxAge + 1) * 365.25 * DAY) / DAY) * DAY;
  const windowStart = Math.max(birth + DAY, refMs - pop.historyYears * 365.25 * DAY);
  const lastStart = refMs - TAIL;
  const chronic = pop.conditions.chronic.filter((c) => rng.chance(c.prevalence));
  const n = rng.int(1, Math.max(1, Math.round(2 * pop.encountersPerPatient - 1)));
  const spacing = (lastStart - windowStart) / n;
  const encounters: PlannedEncounter[] = [];
  let t = windowStart + rng.range(0, spacing);
  let forceImp = false;
  let deceasedAt: number | undefined;
  while (encounters.length < n * 3 && (forceImp ? t < refMs : t < lastStart)) {
    const cls: EncounterClass = forceImp
      ? "IMP"
      : rng.weighted(["AMB", "EMER", "IMP"] as const, (c) => pop.encounterMix[c]);
    const enc = planEncounter(rng, pop, region, cls, t, refMs, encounters.length === 0 ? chronic : []);
    encounters.push(enc);
    if (enc.died) deceasedAt = enc.end;
    if (enc.died || enc.end === undefined) break;
    forceImp = cls === "IMP" && rng.chance(pop.plantedRates.readmission30d);
    // A readmission starts 1-29 days after discharge; any other next visit comes more than 30 days later,
    // so the planted readmission rate is the one in the data.
    t = forceImp ? enc.end + rng.range(1, 29) * DAY : enc.end + 31 * DAY + rng.range(0, spacing);
    if (!forceImp && encounters.length >= n) break;
  }
  return { region, sex, birth, encounters, deceasedAt };
}

function planEncounter(
  rng: Prng,
  pop: Population,
  region: Region,
  cls: EncounterClass,
  start: number,
  refMs: number,
  chronic: readonly ConditionDef[],
): PlannedEncounter {
  const rates = pop.plantedRates;
  const startMs = Math.floor(start / 60_000) * 60_000;
  const endMs = startMs + duration(rng, cls, rates.meanLengthOfStayDays);
  const infection = rng.chance(rates.infectionShare)
    ? rng.weighted(pop.conditions.infectious, (c) => c.prevalence)
    : undefined;
  const facility = rng.pick(region.facilities);
  if (endMs > refMs) return { cls, start: startMs, facility, died: false, infection, chronic };
  const died = cls === "IMP" && rng.chance(rates.inHospitalMortality);
  return { cls, start: startMs, end: endMs, facility, died, infection, chronic };
}
