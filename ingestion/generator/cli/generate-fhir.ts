import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generate } from "../generate";
import { loadPopulation } from "../model/population";
import { parseCli } from "./options";
import { uploadFolder } from "../../upload/uploader";
import { peakRssMb, runCli } from "../../cli/common";

/** `npm run generate-fhir -- --patients N --seed S --out DIR ...` (see docs/generate-fhir.md). */
async function main(argv: readonly string[]): Promise<void> {
  const o = parseCli(argv);
  const population = loadPopulation(o.population);
  const out = o.out ?? fs.mkdtempSync(path.join(os.tmpdir(), "generate-fhir-"));
  const started = process.hrtime.bigint();
  const m = await generate({
    patients: o.patients,
    seed: o.seed,
    out,
    format: o.format,
    gzip: o.gzip,
    population,
    populationSource: o.population ? path.basename(o.population) : "default",
    referenceDate: o.referenceDate,
    changes: o.changes,
    validate: o.validate,
    workers: o.workers,
  });
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  const total = Object.values(m.counts).reduce((a, b) => a + b, 0);
  // Peak RSS covers the worker threads too (they share the process); bench/ reads this line.
  const rssMb = peakRssMb();
  process.stderr.write(
    `Generated ${o.patients} patients, ${total} resources in ${secs.toFixed(2)} s ` +
      `(${Math.round(total / secs)} resources/s, peak RSS ${rssMb.toFixed(0)} MB) into ${out}\n`,
  );
  if (o.bucket) {
    const s = await uploadFolder(out, { ...o, bucket: o.bucket });
    process.stderr.write(`Uploaded ${s.objects} objects (${s.bytes} bytes, ${s.retries} retries) to ${s.target}\n`);
    if (!o.out) fs.rmSync(out, { recursive: true, force: true });
  }
}

runCli("generate-fhir", () => main(process.argv.slice(2)));
