import { strict as assert } from "assert";
import { ChunkJob, ChunkResult } from "../../ingestion/output/chunk";
import { ChunkPool } from "../../ingestion/output/worker-pool";
import { loadPopulation } from "../../ingestion/model/population";
import { tempDir } from "./helpers";

/** Chunks of 5 patients; `orgIds` empty makes every Encounter's serviceProvider dangle, so validation fails. */
function jobs(n: number, orgIds: readonly string[]): ChunkJob[] {
  const population = loadPopulation();
  const out = tempDir("pool");
  const base = { seed: "pool", population, refMs: Date.parse("2025-06-30T00:00:00Z"), format: "ndjson" as const, gzip: false, validate: true, changes: false, out, orgIds };
  return Array.from({ length: n }, (_, i) => ({ ...base, from: i * 5, to: i * 5 + 5 }));
}

const orgIds = loadPopulation().regions.flatMap((r) => r.facilities.map((f) => f.id));

describe("worker pool", () => {
  it("delivers every result once, in job order, whatever order the workers finish in", async () => {
    const pool = new ChunkPool(2);
    const seen: number[] = [];
    try {
      await pool.run(jobs(12, orgIds), async (r: ChunkResult) => {
        seen.push(r.from);
        if (r.from === 0) await new Promise((res) => setTimeout(res, 200)); // a slow first delivery must not reorder
      });
    } finally {
      await pool.close();
    }
    assert.deepEqual(seen, Array.from({ length: 12 }, (_, i) => i * 5));
  });

  it("stops with the invalid resource named when a worker's validation fails", async () => {
    const pool = new ChunkPool(2);
    try {
      await assert.rejects(pool.run(jobs(4, []), async () => undefined), (e: Error) => {
        assert.equal(e.name, "InvalidResourceError");
        assert.match(e.message, /Generated Encounter\/[0-9a-f-]{36} is invalid:\n {2}- \/serviceProvider\/reference: reference 'Organization\/[a-z-]+' does not resolve/);
        return true;
      });
    } finally {
      await pool.close();
    }
  });

  it("stops taking jobs and rethrows when delivering a result fails", async () => {
    const pool = new ChunkPool(2);
    let delivered = 0;
    try {
      await assert.rejects(
        pool.run(jobs(20, orgIds), async () => {
          if (++delivered === 2) throw new Error("disk full");
        }),
        /disk full/,
      );
    } finally {
      await pool.close();
    }
    assert.equal(delivered, 2, "no result is delivered after the failure");
  });
});
