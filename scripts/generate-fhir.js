#!/usr/bin/env node
// `npm run generate-fhir`: the CLI and its worker thread, compiled by esbuild (see compiled-cli.js for why).
"use strict";
const { runCompiled } = require("./compiled-cli");
const nodeBundle = require("../ingestion/generator/output/node-bundle.json"); // shared with ingestion/generator/output/worker-pool.ts

runCompiled("generate-fhir", {
  "generate-fhir": "ingestion/generator/cli/generate-fhir.ts",
  [nodeBundle.workerEntryName]: "ingestion/generator/output/worker-entry.ts",
});
