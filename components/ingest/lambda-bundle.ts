import * as esbuild from "esbuild";

const cache = new Map<string, string>();

/**
 * Bundles a TypeScript Lambda entry into one CommonJS file for Node 20, at program time, with its pinned
 * dependencies inside (the runtime's own AWS SDK may be another version). Cached per entry within a process.
 */
export function bundleLambda(entry: string): string {
  const hit = cache.get(entry);
  if (hit !== undefined) return hit;
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  cache.set(entry, code);
  return code;
}
