#!/usr/bin/env node
// `npm run import-csv`: CSV/XLSX registers to FHIR NDJSON, compiled by esbuild (see compiled-cli.js for why).
"use strict";
const { runCompiled } = require("./compiled-cli");

runCompiled("import-csv", { "import-csv": "ingestion/csv-import/cli.ts" });
