import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tempDir } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");
const CLI = path.join(ROOT, "scripts", "generate-fhir.js");

/** Runs the CLI as `npm run generate-fhir` does (compiled by esbuild) and returns its exit code and stderr. */
function run(args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
  return { code: r.status, stderr: r.stderr };
}

describe("generate-fhir CLI", () => {
  it("writes data and a manifest for good input, exit 0", () => {
    const out = tempDir("cli-ok");
    const r = run(["--patients", "3", "--seed", "x", "--out", out, "--workers", "0"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(out, "_manifest.json")));
    assert.match(r.stderr, /Generated 3 patients, \d+ resources in [\d.]+ s \(\d+ resources\/s, peak RSS \d+ MB\)/);
  });

  it("its compiled worker threads write the same bytes as the main thread", () => {
    const [a, b] = [tempDir("cli-w0"), tempDir("cli-w2")];
    assert.equal(run(["--patients", "40", "--seed", "w", "--out", a, "--workers", "0", "--changes"]).code, 0);
    const r = run(["--patients", "40", "--seed", "w", "--out", b, "--workers", "2", "--changes"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      fs.existsSync(path.join(ROOT, ".cache", "generate-fhir", "chunk-worker.js")),
      "the compiled worker is what ran",
    );
    const files = (d: string): string[] => fs.readdirSync(d, { recursive: true, encoding: "utf8" }).sort();
    assert.deepEqual(files(b), files(a));
    for (const f of files(a).filter((x) => fs.statSync(path.join(a, x)).isFile())) {
      assert.ok(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f);
    }
  });

  it("rejects a negative patient count with a clear message", () => {
    const r = run(["--patients", "-5", "--out", tempDir("cli-neg")]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /--patients must be an integer >= 1, got '-5'/);
  });

  it("rejects an unknown flag", () => {
    const r = run(["--patients", "3", "--out", tempDir("cli-unk"), "--colour", "red"]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /unknown option '--colour'/);
  });

  it("names an unwritable output folder", () => {
    const parent = tempDir("cli-ro");
    fs.chmodSync(parent, 0o500);
    const target = path.join(parent, "sub");
    const r = run(["--patients", "3", "--out", target, "--workers", "0"]);
    fs.chmodSync(parent, 0o700);
    // root ignores permissions; a path under a regular file is unwritable for everyone.
    const r2 = r.code === 0 ? run(["--patients", "3", "--out", path.join(CLI, "sub"), "--workers", "0"]) : r;
    assert.notEqual(r2.code, 0);
    assert.match(r2.stderr, /Cannot write to output folder .*sub: (EACCES|ENOTDIR)/);
  });

  it("lists every problem of an invalid population file with the file and JSON path", () => {
    const bad = path.join(tempDir("cli-pop"), "pop.json");
    const good = JSON.parse(
      fs.readFileSync(path.join(ROOT, "ingestion", "generator", "model", "default-population.json"), "utf8"),
    );
    good.plantedRates.inHospitalMortality = 1.5;
    delete good.sexMix;
    good.regions[0].colour = "red";
    fs.writeFileSync(bad, JSON.stringify(good));
    const r = run(["--patients", "3", "--out", tempDir("cli-pop-out"), "--population", bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`Invalid population file ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    assert.match(r.stderr, /\/: missing required key 'sexMix'/);
    assert.match(r.stderr, /\/regions\/0: unknown key 'colour'/);
    assert.match(r.stderr, /\/plantedRates\/inHospitalMortality: must be <= 1/);
  });

  it("rejects an impossible reference date", () => {
    const r = run(["--patients", "3", "--out", tempDir("cli-date"), "--reference-date", "2025-02-30"]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /--reference-date must be a real date YYYY-MM-DD, got '2025-02-30'/);
  });
});
