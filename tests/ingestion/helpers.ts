import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GenerateOptions, generate } from "../../ingestion/generator/generate";
import { Manifest } from "../../ingestion/generator/manifest";
import { loadPopulation } from "../../ingestion/generator/model/population";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh temp folder for one test. */
export function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gf-${tag}-`));
}

/** Generates into a new temp folder with small, in-thread defaults; returns the folder and manifest. */
export async function generateTo(
  tag: string,
  over: Partial<GenerateOptions> = {},
): Promise<{ dir: string; manifest: Manifest }> {
  const dir = tempDir(tag);
  const manifest = await generate({
    patients: 40,
    seed: "t",
    out: dir,
    format: "bundle",
    gzip: false,
    population: loadPopulation(),
    populationSource: "default",
    referenceDate: "2025-06-30",
    changes: false,
    validate: true,
    workers: 0,
    ...over,
  });
  return { dir, manifest };
}

/** Every data file of a folder (not `_`-prefixed, not changes/) parsed into documents (bundles or resources). */
export function readDocs(dir: string): { file: string; doc: Json }[] {
  const out: { file: string; doc: Json }[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (f.startsWith("_") || f === "changes") continue;
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    if (f.endsWith(".ndjson"))
      text
        .split("\n")
        .filter((l) => l !== "")
        .forEach((l) => out.push({ file: f, doc: JSON.parse(l) }));
    else out.push({ file: f, doc: JSON.parse(text) });
  }
  return out;
}

/** SHA-free byte map of a folder: relative path -> content, for byte-identical comparisons. */
export function folderBytes(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const f of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = path.join(dir, f);
    if (fs.statSync(full).isFile()) out.set(f, fs.readFileSync(full));
  }
  return out;
}
