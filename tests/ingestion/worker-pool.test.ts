import { strict as assert } from "assert";
import * as fs from "fs";
import { ChunkJob, ChunkResult } from "../../ingestion/generator/output/chunk";
import { ChunkPool } from "../../ingestion/generator/output/worker-pool";
import { loadPopulation } from "../../ingestion/generator/model/population";
import { tempDir } from "./helpers";

/** Chunks of 5 patients; `orgIds` empty makes every Encounter's serviceProvider dangle, so validation fails. */
function jobs(
  n: number,
  orgIds: readonly string[],
  format: "bundle" | "ndjson" = "ndjson",
  out: string = tempDir("pool"),
): ChunkJob[] {
  const population = loadPopulation();
  const base = {
    seed: "pool",
    population,
    refMs: Date.parse("2025-06-30T00:00:00Z"),
    format,
    gzip: false,
    validate: true,
    changes: false,
    out,
    orgIds,
  };
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
    assert.deepEqual(
      seen,
      Array.from({ length: 12 }, (_, i) => i * 5),
    );
  });

  it(
    "stops producing while results wait for a slow delivery: " +
      "at most 4 per worker buffered, 2 per worker in flight",
    async () => {
      const out = tempDir("pool-bound");
      const pool = new ChunkPool(2);
      let filesAfterStall = -1;
      try {
        await pool.run(jobs(40, orgIds, "bundle", out), async (r: ChunkResult) => {
          if (r.from !== 0) return;
          await new Promise((res) => setTimeout(res, 1500)); // ample time for all 200 patients without a bound
          filesAfterStall = fs.readdirSync(out).length;
        });
      } finally {
        await pool.close();
      }
      // Delivered 1 + buffered 8 + in flight 4 chunks of 5 patients (bundle files are written by the workers).
      assert.ok(
        filesAfterStall > 0 && filesAfterStall <= (1 + 8 + 4) * 5,
        `${filesAfterStall} patient files written during the stall`,
      );
      assert.equal(fs.readdirSync(out).length, 200, "every patient is written in the end");
    },
  );

  it("stops with the invalid resource named when a worker's validation fails", async () => {
    const pool = new ChunkPool(2);
    try {
      await assert.rejects(
        pool.run(jobs(4, []), async () => undefined),
        (e: Error) => {
          assert.equal(e.name, "InvalidResourceError");
          assert.match(
            e.message,
            // The Patient comes first, and its MRN's assigner is the first Organization reference.
            /Generated Patient\/[0-9a-f-]{36} is invalid:\n {2}- \/identifier\/0\/assigner\/reference: reference 'Organization\/[a-z-]+' does not resolve/,
          );
          return true;
        },
      );
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
