/**
 * Raw FHIR files (Bundles, single resources, NDJSON, gzip) as the versions and deletes the KPI engine takes, in
 * arrival order, read the way the bronze job reads them (glue-jobs/lakehouse/bronze/parse.py): what bronze would
 * quarantine is skipped, bundle-local references are resolved, and a version with no meta.lastUpdated takes its
 * Bundle's timestamp (none: it loses to every version with a time).
 */
import * as zlib from "zlib";
import { isRealDate } from "../validate/checks";
import { DeleteEntry } from "./kpi-totals";
import { hasR4Shape } from "./r4-shape";
import LIMITS from "../../glue-jobs/lakehouse/data/json_limits.json";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One raw file: its name (ordering and format) and bytes. */
export interface RawFile {
  readonly name: string;
  readonly content: Buffer | string;
}

/** What the files hold, in arrival order. */
export interface FileVersions {
  readonly versions: Json[];
  readonly deletes: DeleteEntry[];
}

// A file (or NDJSON line) nested deeper is skipped whole, as bronze quarantines it whole.
const MAX_FILE_DEPTH: number = LIMITS.maxFileDepth;

// No trailing newline either: JavaScript's $ (without the m flag) matches only at the very end.
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
// An instant needs seconds and a zone; the calendar check is the validator's (ingestion/validate/checks.ts).
const INSTANT_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** true for a FHIR instant that names a real moment (seconds and zone required; Feb 30 is not one). */
export function isInstant(text: unknown): text is string {
  return typeof text === "string" && INSTANT_SHAPE.test(text) && isRealDate(text);
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  return v === null ? "null" : typeof v;
}

/** The checks bronze applies before a resource may enter (glue-jobs/lakehouse/bronze/validate.py). */
export function enters(r: unknown): r is Json {
  if (jsonType(r) !== "object") return false;
  const res = r as Json;
  if (typeof res.resourceType !== "string" || typeof res.id !== "string" || !ID.test(res.id)) return false;
  if (res.meta !== undefined && res.meta !== null) {
    if (jsonType(res.meta) !== "object") return false;
    const last = res.meta.lastUpdated;
    if (last !== undefined && last !== null && !isInstant(last)) return false;
  }
  return hasR4Shape(res);
}

function rewrite(value: unknown, ids: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, ids));
  if (jsonType(value) !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) out[k] = rewrite(v, ids);
  const ref = (value as Json).reference;
  if (typeof ref === "string" && ids.has(ref)) out.reference = ids.get(ref);
  return out;
}

function withVersionTime(r: Json, stamp: string | undefined): Json {
  if (isInstant(r.meta?.lastUpdated) || stamp === undefined) return r;
  return { ...r, meta: { ...(r.meta ?? {}), lastUpdated: stamp } };
}

function readBundle(bundle: Json, out: FileVersions): void {
  if (!Array.isArray(bundle.entry)) return;
  const stamp = isInstant(bundle.timestamp) ? bundle.timestamp : undefined;
  const ids = new Map<string, string>();
  for (const e of bundle.entry)
    if (
      typeof e?.fullUrl === "string" &&
      typeof e?.resource?.resourceType === "string" &&
      typeof e.resource.id === "string"
    )
      ids.set(e.fullUrl, `${e.resource.resourceType}/${e.resource.id}`);
  for (const e of bundle.entry) {
    if (jsonType(e) !== "object") continue;
    if (e.request?.method === "DELETE") {
      const parts =
        typeof e.request.url === "string"
          ? e.request.url
              .split("?")[0]
              .replace(/^\/+|\/+$/g, "")
              .split("/")
          : [];
      if (parts.length === 2 && stamp !== undefined && ID.test(parts[1]))
        out.deletes.push({ type: parts[0], id: parts[1], timestamp: stamp });
      continue;
    }
    if (enters(e.resource)) out.versions.push(withVersionTime(rewrite(e.resource, ids) as Json, stamp));
  }
}

/** Whether objects and arrays nest more than `limit` levels (bronze/parse.py's depth_exceeds). */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== "object" || item === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The parsed value, or undefined where bronze's parser refuses the text (invalid, or nested too deep). */
function parseOrUndefined(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return depthExceeds(value, MAX_FILE_DEPTH) ? undefined : value;
}

/** The versions and deletes of the files, taken in name order (bronze's order: path, then position in the file). */
export function readFiles(files: readonly RawFile[]): FileVersions {
  const out: FileVersions = { versions: [], deletes: [] };
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of sorted) {
    let bytes = Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, "utf8");
    let name = f.name.toLowerCase();
    if (name.endsWith(".gz")) {
      bytes = zlib.gunzipSync(bytes);
      name = name.slice(0, -3);
    }
    const text = bytes.toString("utf8");
    if (name.endsWith(".ndjson")) {
      for (const line of text.split(/\r?\n/)) {
        const r = line.trim() === "" ? undefined : parseOrUndefined(line);
        if (enters(r) && r.resourceType !== "Bundle") out.versions.push(r);
      }
      continue;
    }
    const value = parseOrUndefined(text) as Json | undefined;
    if (jsonType(value) === "object" && value!.resourceType === "Bundle") readBundle(value!, out);
    else if (enters(value)) out.versions.push(value);
  }
  return out;
}
