import { strict as assert } from "assert";
import * as zlib from "zlib";
import corpus from "../contracts/kpi-cases.json";
import { computeKpiSums } from "../../ingestion/kpi/compute";
import { totalsOf } from "../../ingestion/kpi/kpi-totals";
import { RawFile, readFiles } from "../../ingestion/kpi/read-files";
import { computePrevalenceSums, prevalenceRows } from "../../ingestion/kpi/prevalence";

type CorpusFile = { name: string; content?: unknown; lines?: unknown[] };

/** A corpus file as the bytes a raw zone would hold (the same rule glue-jobs/tests/gold/test_kpi_corpus.py uses). */
export function corpusBytes(f: CorpusFile): Buffer {
  const text =
    f.lines !== undefined
      ? f.lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n"
      : JSON.stringify(f.content);
  const bytes = Buffer.from(text, "utf8");
  return f.name.endsWith(".gz") ? zlib.gzipSync(bytes) : bytes;
}

/** A prevalence case's patients live in region `K<nn>/State`, its prefix upper-cased. */
function caseRegionPrefix(c: { name: string }): string {
  return `K${corpus.cases.findIndex((x) => x.name === c.name) + 1}`;
}

describe("KPI corpus (tests/contracts/kpi-cases.json): the TypeScript engine", () => {
  it("holds at least 25 cases, each with a rule, and ids no two cases share", () => {
    assert.ok(corpus.cases.length >= 25);
    const owner = new Map<string, string>();
    for (const c of corpus.cases) {
      assert.ok(c.rule.length > 10, `${c.name} states its rule`);
      for (const f of c.files as CorpusFile[])
        for (const r of (f.lines ?? [f.content]) as Record<string, unknown>[]) {
          const entries = (r as { entry?: { resource?: { id: string } }[] }).entry ?? [r];
          for (const e of entries) {
            const id = (e as { resource?: { id?: string } }).resource?.id ?? (e as { id?: string }).id;
            if (typeof id !== "string" || (e as { resourceType?: string }).resourceType === "Bundle") continue;
            assert.ok(!owner.has(id) || owner.get(id) === c.name, `${id} appears in ${owner.get(id)} and ${c.name}`);
            owner.set(id, c.name);
          }
        }
    }
  });

  for (const c of corpus.cases) {
    it(`${c.name}: ${c.rule}`, () => {
      const files: RawFile[] = (c.files as CorpusFile[]).map((f) => ({ name: f.name, content: corpusBytes(f) }));
      const { versions, deletes } = readFiles(files);
      assert.deepEqual(totalsOf(computeKpiSums(versions, deletes)), c.expected.totals);
      const expected = (c.expected as { prevalence?: { region: string }[] }).prevalence;
      if (expected === undefined) return;
      // The case's patients live in its own region (other cases' rows are not its to check).
      const region = expected[0]?.region ?? `${caseRegionPrefix(c)}/State`;
      const rows = prevalenceRows(computePrevalenceSums(versions, deletes)).filter((r) => r.region === region);
      assert.deepEqual(rows, expected);
    });
  }
});
