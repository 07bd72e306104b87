import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommanderError } from "commander";
import { generate } from "../generate";
import { DEFAULT_POPULATION, loadPopulation } from "../model/population";
import { parseCli } from "./options";
import { uploadFolder } from "../upload/uploader";

/** `npm run generate-fhir -- --patients N --seed S --out DIR ...` (see docs/generate-fhir.md). */
async function main(argv: readonly string[]): Promise<void> {
  const o = parseCli(argv);
  const population = loadPopulation(o.population ?? DEFAULT_POPULATION);
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
  process.stderr.write(`Generated ${o.patients} patients, ${total} resources in ${secs.toFixed(1)} s into ${out}\n`);
  if (o.bucket) {
    const s = await uploadFolder(out, { ...o, bucket: o.bucket });
    process.stderr.write(`Uploaded ${s.objects} objects (${s.bytes} bytes, ${s.retries} retries) to ${s.target}\n`);
    if (!o.out) fs.rmSync(out, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    // commander already printed help for --help/--version; print our own message for bad input.
    if (err.exitCode !== 0 && !err.message.startsWith("error:")) process.stderr.write(`error: ${err.message}\n`);
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  process.stderr.write(`generate-fhir: ${(err as Error).message}\n`);
  process.exit(1);
});
