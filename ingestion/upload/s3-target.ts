import * as path from "path";

/** Where uploads go: bucket and key prefix parsed from `s3://bucket/prefix`. */
export interface S3Target {
  readonly bucket: string;
  readonly prefix: string;
}

/** Parses `s3://bucket[/prefix]`; throws a clear error otherwise. */
export function parseS3Url(url: string): S3Target {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/(.*))?$/.exec(url);
  if (!m) throw new Error(`--bucket must look like s3://bucket/prefix, got '${url}'.`);
  return { bucket: m[1], prefix: (m[3] ?? "").replace(/^\/+|\/+$/g, "") };
}

/**
 * Object key of a file: `<prefix>/raw/fhir/<source>/<yyyy>/<mm>/<dd>/<relative path>`, the date being the
 * reference date (never the wall clock), so re-running an upload overwrites the same keys.
 */
export function objectKey(t: S3Target, source: string, referenceDate: string, relPath: string): string {
  const [y, m, d] = referenceDate.split("-");
  const rel = relPath.split(path.sep).join("/");
  return [t.prefix, "raw", "fhir", source, y, m, d, rel].filter((p) => p !== "").join("/");
}
