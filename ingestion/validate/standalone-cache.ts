import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import Ajv, { ValidateFunction } from "ajv";
import standaloneCode from "ajv/dist/standalone";

/** The cache folder, beside the installed ajv (node_modules/.cache/fhir-lakehouse), as other tools do. */
function cacheDir(): string {
  const modules = path.dirname(path.dirname(require.resolve("ajv/package.json")));
  return path.join(modules, ".cache", "fhir-lakehouse");
}

/**
 * A validator kept as ajv standalone code on disk. The file name carries a hash of `keyParts` and ajv's
 * version, so any change to the schema, the options or the code that builds them compiles afresh. The file
 * is written under a temporary name and renamed, so threads that compile at the same time never read half a
 * file. When the cache cannot be written (a read-only install), the freshly compiled validator is used.
 */
export function cachedStandalone(
  name: string,
  keyParts: readonly (string | Buffer)[],
  compile: () => { ajv: Ajv; validate: ValidateFunction },
): ValidateFunction {
  const hash = createHash("sha256");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  hash.update(String((require("ajv/package.json") as { version: string }).version));
  for (const p of keyParts) hash.update(p).update("\0");
  const file = path.join(cacheDir(), `${name}-${hash.digest("hex").slice(0, 16)}.js`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (fs.existsSync(file)) return require(file) as ValidateFunction;
  const { ajv, validate } = compile();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(tmp, standaloneCode(ajv, validate));
    fs.renameSync(tmp, file);
  } catch {
    // A cache is an optimisation: without one every process compiles, which is only slower.
  }
  return validate;
}
