import { Prng } from "../model/prng";
import { Resource, instant } from "./types";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `urn:uuid:<id>` when the id is a UUID; otherwise a UUID derived from Type/id (e.g. facility ids). */
export function entryFullUrl(r: Resource): string {
  return `urn:uuid:${UUID_RE.test(r.id) ? r.id : new Prng(`fullUrl/${r.resourceType}/${r.id}`).uuid()}`;
}

/** A transaction Bundle of PUT entries (`urn:uuid` fullUrls, ids kept); timestamp and lastUpdated = `at`. */
export function transactionBundle(id: string, resources: readonly Resource[], at: number): Record<string, unknown> {
  return {
    resourceType: "Bundle",
    id,
    meta: { lastUpdated: instant(at) },
    type: "transaction",
    timestamp: instant(at),
    entry: resources.map((r) => ({
      fullUrl: entryFullUrl(r),
      resource: r,
      request: { method: "PUT", url: `${r.resourceType}/${r.id}` },
    })),
  };
}

/** A transaction Bundle of DELETE entries (`Type/id`); `timestamp` says when the deletes take effect. */
export function deleteBundle(
  id: string,
  targets: readonly { type: string; id: string }[],
  at: number,
): Record<string, unknown> {
  return {
    resourceType: "Bundle",
    id,
    meta: { lastUpdated: instant(at) },
    type: "transaction",
    timestamp: instant(at),
    entry: targets.map((t) => ({ request: { method: "DELETE", url: `${t.type}/${t.id}` } })),
  };
}
