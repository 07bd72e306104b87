import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { isDataKey } from "../../../lambda/ingest-decision";
import { tempDir } from "../helpers";
import { EXPECTED_REJECTS, writeBadRows } from "./fixtures";
import { filesBelow, run } from "./cli-run";

describe("import-csv CLI", () => {
  it("prints its usage for --help, exit 0", () => {
    const r = run(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: import-csv \[options\] \[files\.\.\.\]/);
    for (const flag of ["--input", "--mapping", "--source", "--out", "--bucket", "--run"])
      assert.ok(r.stdout.includes(flag), flag);
  });

  it("writes <out>/fhir/<source>/<yyyy>/<mm>/<dd>/<run>.<Type>.ndjson and a _<run>/ side folder bronze skips", () => {
    const { files, mapping } = writeBadRows(tempDir("cli-csv"));
    const out = tempDir("cli-csv-out");
    const r = run(["--mapping", mapping, "--source", "clinic-a", "--out", out, "--run", "r1", ...files]);
    assert.equal(r.code, 0, r.stderr);
    const day = new Date().toISOString().slice(0, 10).split("-").join("/");
    const expected = ["Condition", "Encounter", "Observation", "Organization", "Patient"].map(
      (t) => `fhir/clinic-a/${day}/r1.${t}.ndjson`,
    );
    const side = [`fhir/clinic-a/${day}/_r1/manifest.json`, `fhir/clinic-a/${day}/_r1/rejects.csv`];
    assert.deepEqual(filesBelow(out), [...expected, ...side].sort());
    assert.deepEqual(
      filesBelow(out).filter((f) => isDataKey(f, "")),
      expected,
      "bronze reads the data and skips the side folder",
    );
    assert.match(r.stderr, /Imported 22 rows in [\d.]+ s \(\d+ rows\/s, peak RSS \d+ MB\): 6 resources written/);
    assert.match(r.stderr, /16 rows rejected \(/);
    for (const e of EXPECTED_REJECTS) if (e.secret) assert.ok(!r.stderr.includes(e.secret), e.reason);
  });

  it("refuses to overwrite an earlier run's files, exit 1, and leaves them as they were", () => {
    const { files, mapping } = writeBadRows(tempDir("cli-again"));
    const out = tempDir("cli-again-out");
    assert.equal(run(["--mapping", mapping, "--source", "s", "--out", out, "--run", "same", ...files]).code, 0);
    const before = filesBelow(out).map((f) => fs.readFileSync(path.join(out, f), "utf8"));
    const r = run(["--mapping", mapping, "--source", "s", "--out", out, "--run", "same", ...files]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /import-csv: Refusing to overwrite .*_same/);
    assert.deepEqual(
      filesBelow(out).map((f) => fs.readFileSync(path.join(out, f), "utf8")),
      before,
    );
  });

  it("fails on a bad mapping with exit 1, naming the file and the JSON path, and writes nothing", () => {
    const { files, mapping } = writeBadRows(tempDir("cli-map"));
    const m = JSON.parse(fs.readFileSync(mapping, "utf8"));
    m.tables[1].fields.birthDate.column = "born";
    fs.writeFileSync(mapping, JSON.stringify(m));
    const out = tempDir("cli-map-out");
    const r = run(["--mapping", mapping, "--source", "s", "--out", out, ...files]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`Invalid mapping file ${mapping}`), r.stderr);
    assert.match(r.stderr, /\/tables\/1\/fields\/birthDate\/column: column 'born' is not in the header/);
    assert.deepEqual(fs.readdirSync(out), []);
  });

  it("exits 2 on bad usage: no file, no output, an unknown flag, a bad source", () => {
    const { files, mapping } = writeBadRows(tempDir("cli-usage"));
    const out = tempDir("cli-usage-out");
    assert.match(run(["--mapping", mapping, "--out", out]).stderr, /Give the register files: --input FILE/);
    const cases = [
      ["--mapping", mapping, "--source", "s", "--out", out],
      ["--mapping", mapping, "--source", "s", ...files],
      ["--mapping", mapping, "--source", "s", "--out", out, "--colour", "red", ...files],
      ["--mapping", mapping, "--source", "a/b", "--out", out, ...files],
      ["--mapping", mapping, "--source", "s", "--out", out, "--input"],
    ];
    for (const c of cases) assert.equal(run(c).code, 2, c.join(" "));
    assert.match(run(cases[1]).stderr, /Give --out <dir>, --bucket s3:\/\/bucket\/prefix, or both/);
  });

  it("fails on a missing register file with exit 1 and writes nothing", () => {
    const { mapping } = writeBadRows(tempDir("cli-missing"));
    const out = tempDir("cli-missing-out");
    const r = run(["--mapping", mapping, "--source", "s", "--out", out, path.join(out, "..", "nope", "patients.csv")]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /patients.csv: no such file/);
    assert.deepEqual(fs.readdirSync(out), []);
  });
});
