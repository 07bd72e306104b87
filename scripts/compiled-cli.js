// Runs a TypeScript CLI compiled by esbuild (a fraction of a second) rather than under ts-node, whose compiler
// costs the main thread ~1.5 s and ~150 MB. The bundle (and any worker entry) goes to the git-ignored
// .cache/<name>/, rebuilt on every run (cheap) so it never goes stale; each file is written under a temporary
// name and renamed, so concurrent runs never read a half-written bundle. Used by generate-fhir.js, import-csv.js.
"use strict";
const fs = require("fs");
const path = require("path");
const { buildSync } = require("esbuild");
const nodeBundle = require("../ingestion/generator/output/node-bundle.json"); // shared with ingestion/generator/output/worker-pool.ts

/** Compiles `entryPoints` ({ outName: "path/to/entry.ts" }) into .cache/<name>/ and runs the one named `name`. */
function runCompiled(name, entryPoints) {
  const root = path.join(__dirname, "..");
  const outdir = path.join(root, ".cache", name);
  const result = buildSync({
    ...nodeBundle.esbuild,
    absWorkingDir: root,
    entryPoints,
    outdir,
    logLevel: "error",
  });
  fs.mkdirSync(outdir, { recursive: true });
  for (const f of result.outputFiles) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, f.contents);
    fs.renameSync(tmp, f.path);
  }
  require(path.join(outdir, `${name}.js`));
}

module.exports = { runCompiled };
