import { Resource, instant } from "./types";

/** A transaction Bundle of PUT entries (`urn:uuid` fullUrls, ids kept); timestamp and lastUpdated = `at`. */
export function transactionBundle(id: string, resources: readonly Resource[], at: number): Record<string, unknown> {
  return {
    resourceType: "Bundle",
    id,
    meta: { lastUpdated: instant(at) },
    type: "transaction",
    timestamp: instant(at),
    entry: resources.map((r) => ({
      fullUrl: `urn:uuid:${r.id}`,
      resource: r,
      request: { method: "PUT", url: `${r.resourceType}/${r.id}` },
    })),
  };
}

/** A transaction Bundle of DELETE entries (`Type/id`); `timestamp` says when the deletes take effect. */
export function deleteBundle(id: string, targets: readonly { type: string; id: string }[], at: number): Record<string, unknown> {
  return {
    resourceType: "Bundle",
    id,
    meta: { lastUpdated: instant(at) },
    type: "transaction",
    timestamp: instant(at),
    entry: targets.map((t) => ({ request: { method: "DELETE", url: `${t.type}/${t.id}` } })),
  };
}
