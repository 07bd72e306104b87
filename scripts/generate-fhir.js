#!/usr/bin/env node
// Runs the generate-fhir CLI compiled by esbuild (a fraction of a second) rather than under ts-node, whose
// compiler costs the main thread ~1.5 s and ~150 MB: more than the generator's whole memory budget allows.
// The bundle and its worker go to the git-ignored .cache/generate-fhir/, rebuilt on every run (cheap) so they
// never go stale; each file is written under a temporary name and renamed, so concurrent runs never read a
// half-written bundle.
"use strict";
const fs = require("fs");
const path = require("path");
const { buildSync } = require("esbuild");
const nodeBundle = require("../ingestion/generator/output/node-bundle.json"); // shared with ingestion/generator/output/worker-pool.ts

const root = path.join(__dirname, "..");
const outdir = path.join(root, ".cache", "generate-fhir");
const result = buildSync({
  ...nodeBundle.esbuild,
  absWorkingDir: root,
  entryPoints: {
    "generate-fhir": "ingestion/generator/cli/generate-fhir.ts",
    [nodeBundle.workerEntryName]: "ingestion/generator/output/worker-entry.ts",
  },
  outdir,
  logLevel: "error",
});
fs.mkdirSync(outdir, { recursive: true });
for (const f of result.outputFiles) {
  const tmp = `${f.path}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, f.contents);
  fs.renameSync(tmp, f.path);
}
require(path.join(outdir, "generate-fhir.js"));
