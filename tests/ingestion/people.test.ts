import * as assert from "assert";
import { loadPopulation, parsePopulation, PopulationError } from "../../ingestion/generator/model/population";
import { planPatient } from "../../ingestion/generator/model/timeline";
import { patientRng } from "../../ingestion/generator/fhir/patient-record";
import { drawPerson, moved, renamed } from "../../ingestion/generator/people/person";
import { identifierValue } from "../../ingestion/generator/people/identifiers";
import { regionPeople } from "../../ingestion/generator/people/region-people";
import { Prng } from "../../ingestion/generator/model/prng";
import defaultModel from "../../ingestion/generator/model/default-population.json";

const REF = Date.parse("2025-06-30T00:00:00Z");
const pop = loadPopulation();

type Json = Record<string, unknown>;
/** Patient `i`'s plan and person elements, drawn as the generator draws them. */
function person(seed: string, i: number) {
  const plan = planPatient(patientRng(seed, i), pop, REF);
  return { plan, person: drawPerson(seed, i, plan, plan.deceasedAt ?? REF) };
}

describe("generated people", () => {
  describe("over 100,000 patients", function () {
    this.timeout(120_000);
    const byRegion = new Map<string, { patients: number; pairs: Set<string> }>();
    const mrns = new Map<string, Set<string>>();
    const nationalIds = new Set<string>();
    let nationalIdCount = 0;
    const problems: string[] = [];
    before(() => {
      for (let i = 0; i < 100_000; i++) {
        const { plan, person: p } = person("people", i);
        const key = `${plan.region.country}/${plan.region.state}`;
        const r = byRegion.get(key) ?? { patients: 0, pairs: new Set<string>() };
        byRegion.set(key, r);
        r.patients++;
        const name = p.name[0] as { family: string; given: string[] };
        r.pairs.add(`${name.given.join(" ")}|${name.family}`);
        const a = p.address[0] as Json;
        const wanted = ["line", "city", "district", "state", "country"];
        if (plan.region.postalCode !== undefined) wanted.push("postalCode");
        for (const k of wanted) if (a[k] === undefined || a[k] === "") problems.push(`patient ${i}: no address ${k}`);
        if (!p.telecom.some((t) => t.system === "phone" && typeof t.value === "string"))
          problems.push(`patient ${i}: no phone`);
        for (const id of p.identifier) {
          const type = ((id.type as Json).coding as Json[])[0].code as string;
          if (type === "MR") {
            const set = mrns.get(id.system as string) ?? new Set<string>();
            mrns.set(id.system as string, set);
            if (set.has(id.value as string)) problems.push(`patient ${i}: MRN ${String(id.value)} repeated`);
            set.add(id.value as string);
          } else {
            nationalIdCount++;
            nationalIds.add(`${String(id.system)}|${String(id.value)}`);
          }
        }
      }
    });

    it("has at least 2,000 distinct given+family names in each of the three largest regions", () => {
      const largest = [...byRegion.entries()].sort((a, b) => b[1].patients - a[1].patients).slice(0, 3);
      for (const [region, r] of largest)
        assert.ok(r.pairs.size >= 2000, `${region}: ${r.pairs.size} distinct names over ${r.patients} patients`);
    });

    it("gives every Patient a full address and a phone", () => {
      assert.deepEqual(problems.slice(0, 5), []);
    });

    it("never repeats an MRN within a facility nor a national id", () => {
      assert.equal(
        mrns.size,
        pop.regions.reduce((n, r) => n + r.facilities.length, 0),
      );
      assert.equal(nationalIds.size, nationalIdCount);
      assert.ok(nationalIdCount > 50_000, `${nationalIdCount} national ids`);
    });
  });

  it("draws a patient's person from its own stream: the same whatever was drawn before", () => {
    const alone = JSON.stringify(person("s", 7).person);
    for (let i = 0; i < 7; i++) person("s", i);
    assert.equal(JSON.stringify(person("s", 7).person), alone);
    assert.notEqual(JSON.stringify(person("t", 7).person), alone);
  });

  it("writes prefixes, suffixes, middle names and e-mails for some, in each region's formats", () => {
    const names: Json[] = [];
    const phones: string[] = [];
    let emails = 0;
    for (let i = 0; i < 3000; i++) {
      const p = person("mix", i).person;
      names.push(p.name[0]);
      phones.push(p.telecom[0].value as string);
      emails += p.telecom.filter(
        (t) => t.system === "email" && /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(String(t.value)),
      ).length;
    }
    assert.ok(names.filter((n) => n.prefix !== undefined).length > 300);
    assert.ok(names.filter((n) => n.suffix !== undefined).length > 10);
    assert.ok(names.filter((n) => (n.given as string[]).length === 2).length > 500);
    assert.ok(emails > 1000, `${emails} well-formed e-mails`);
    for (const ph of phones) assert.match(ph, /^\+\d{10,13}$/);
  });

  it("moves a patient within its region, or renames them, keeping the old entry with its end", () => {
    const { plan, person: p } = person("m", 3);
    const pat = { resourceType: "Patient", gender: plan.sex, ...p };
    const at = REF - 86_400_000;
    const m = moved(new Prng("x"), plan.region, pat, at);
    const [now, old] = m.address as Json[];
    assert.deepEqual([now.state, now.country, old.use], [plan.region.state, plan.region.country, "old"]);
    assert.deepEqual(old.period, { end: new Date(at).toISOString().replace(".000Z", "Z") });
    assert.notDeepEqual(now.line, old.line);
    const r = renamed(new Prng("y"), plan.region, pat, at);
    const [newName, oldName] = r.name as Json[];
    assert.equal(oldName.family, (p.name[0] as Json).family);
    assert.equal(oldName.use, plan.sex === "female" ? "maiden" : "old");
    assert.equal(newName.use, "official");
  });

  it("makes identifier values a bijection of the index while there are fewer than 10^k patients", () => {
    const f = regionPeople(pop.regions[0]).use(new Prng("ids"));
    const values = new Set(Array.from({ length: 1000 }, (_, i) => identifierValue("A-###-?", i, "salt", f)));
    assert.equal(values.size, 1000);
    for (const v of values) assert.match(v, /^A-\d{3}-[A-Z]$/);
  });

  it("rejects a population with an unknown faker locale or a region without names, naming where", () => {
    const bad = structuredClone(defaultModel) as unknown as { regions: Json[] };
    bad.regions[0].nameLocales = { given: ["xx_YY"] };
    delete bad.regions[1].familyNames;
    delete bad.regions[1].nameLocales;
    assert.throws(
      () => parsePopulation(bad, "pop.json"),
      (e: PopulationError) => {
        assert.ok(e.problems.some((x) => x.startsWith("/regions/0/nameLocales/given/0: unknown faker locale 'xx_YY'")));
        assert.ok(e.problems.includes("/regions/1: no family names (familyNames or nameLocales.family)"));
        return true;
      },
    );
  });
});
