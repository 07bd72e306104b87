import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MARKER, prepareOut } from "../../scripts/lakehouse/options";
import { table } from "../../scripts/lakehouse/report";

describe("npm run lakehouse: the output folder", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "lakehouse-out-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates a missing folder and marks it as ours", () => {
    const out = path.join(dir, "new");
    prepareOut(out);
    assert.deepEqual(fs.readdirSync(out), [MARKER]);
  });

  it("keeps the lake an earlier run created, so the next run is incremental", () => {
    const out = path.join(dir, "old");
    assert.equal(prepareOut(out), false);
    fs.writeFileSync(path.join(out, "bronze.parquet"), "x");
    assert.equal(prepareOut(out), true);
    assert.deepEqual(fs.readdirSync(out).sort(), [MARKER, "bronze.parquet"].sort());
  });

  it("empties a lake it created when asked for a fresh one", () => {
    const out = path.join(dir, "old");
    prepareOut(out);
    fs.writeFileSync(path.join(out, "bronze.parquet"), "x");
    assert.equal(prepareOut(out, true), false);
    assert.deepEqual(fs.readdirSync(out), [MARKER]);
  });

  it("refuses to empty a non-empty folder it did not create, and leaves it untouched", () => {
    fs.writeFileSync(path.join(dir, "thesis.docx"), "precious");
    assert.throws(() => prepareOut(dir), /non-empty folder this tool did not create/);
    assert.throws(() => prepareOut(dir, true), /non-empty folder this tool did not create/);
    assert.equal(fs.readFileSync(path.join(dir, "thesis.docx"), "utf8"), "precious");
  });
});

describe("npm run lakehouse: the printed tables", () => {
  it("aligns columns, shows rates to three decimals and nulls as a dash", () => {
    const text = table(
      [
        { month: "2024-01", rate: 0.12345, n: 7 },
        { month: "2024-02", rate: null, n: 12 },
      ],
      ["month", "rate", "n"],
    );
    assert.equal(text, ["  month   rate   n", "2024-01  0.123   7", "2024-02      –  12"].join("\n"));
  });
});
