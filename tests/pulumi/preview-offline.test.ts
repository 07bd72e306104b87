import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const run = (...args: string[]) =>
  spawnSync(
    process.execPath,
    [require.resolve("ts-node/dist/bin"), "--transpile-only", "scripts/preview-offline.ts", ...args],
    { cwd: ROOT, encoding: "utf8" },
  );

describe("npm run preview:offline", function () {
  this.timeout(60000);

  it("prints the prod inventory and writes a mermaid diagram, with no AWS account", () => {
    const out = path.join(ROOT, "tests", ".tmp", "preview-prod.md");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const result = run("--stack", "prod", "--out", out);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Stack prod \(fhirlake-prod, us-east-1\): \d+ resources would be created/);
    assert.match(result.stdout, /aws:dynamodb\/table:Table\s+fhirlake-prod-audit-table\s+.*protect=true/);
    const diagram = fs.readFileSync(out, "utf8");
    assert.match(diagram, /```mermaid\nflowchart LR\n {2}subgraph \w+\n/);
    for (const area of ["storage", "network", "people"]) assert.match(diagram, new RegExp(`\n {2}subgraph ${area}\n`));
    assert.match(diagram, /r\d+ --> r\d+/);
  });

  it("fails with the config error for an unknown stack", () => {
    const result = run("--stack", "nope");
    assert.equal(result.status, 1);
    assert.match(result.stderr, /Invalid stack config .*nope\.json/);
  });
});
