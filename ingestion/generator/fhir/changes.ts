import { Prng } from "../model/prng";
import { DeleteEntry } from "../../kpi/kpi-totals";
import { deleteBundle, transactionBundle } from "./bundle";
import { PatientRecord } from "./patient-record";
import { Resource, instant } from "./types";
import { moved, renamed } from "../people/person";

/** Kinds of change file --changes writes (see docs/generate-fhir.md). */
export type ChangeKind = "update" | "stale-version" | "delete" | "duplicate" | "malformed";

/** One change file: its name under changes/, kind, content, the resources it touches. */
export interface ChangeFile {
  readonly name: string;
  readonly kind: ChangeKind;
  readonly text: string;
  readonly resources: readonly string[];
}

/** Share of patients given each per-patient change. */
export const CHANGE_RATES = { update: 0.03, staleVersion: 0.02, delete: 0.015 } as const;

/** Per-patient changes and what they add to the final state (new versions, deletes). */
export interface PatientChanges {
  readonly files: ChangeFile[];
  readonly versions: Resource[];
  readonly deletes: DeleteEntry[];
}

const ms = (r: Resource): number => Date.parse(r.meta.lastUpdated);
/** A copy of `r` whose bundle-local urn:uuid references become `Type/id` (change files are separate bundles). */
function asRef(r: Resource, types: ReadonlyMap<string, string>): Resource {
  return JSON.parse(
    JSON.stringify(r).replace(
      /"urn:uuid:([0-9a-f-]{36})"/g,
      (_m, id: string) => `"${types.get(id) ?? "Patient"}/${id}"`,
    ),
  );
}

/**
 * Draws this patient's changes from its own stream (`seed/changes/index`), so the data files are the same with
 * and without --changes. Change bundles reference earlier files by `Type/id`. Everything happens by `refMs`.
 */
export function patientChanges(seed: string, index: number, rec: PatientRecord, refMs: number): PatientChanges {
  const rng = new Prng(`${seed}/changes/${index}`);
  const out: PatientChanges = { files: [], versions: [], deletes: [] };
  const types = new Map(rec.resources.map((r) => [r.id, r.resourceType]));
  const pre = `p${String(index).padStart(7, "0")}`;
  const pat = rec.resources[0];
  if (rng.chance(CHANGE_RATES.update) && refMs - ms(pat) >= 2000) {
    const at = Math.floor((ms(pat) + (refMs - ms(pat)) / 2) / 1000) * 1000;
    // Half the updates are a move within the region, half a change of family name (the KPI region stays).
    const change = rng.chance(0.5) ? moved : renamed;
    const v = { ...change(rng, rec.region, asRef(pat, types), at), meta: { lastUpdated: instant(at) } } as Resource;
    out.versions.push(v);
    out.files.push(
      file(`${pre}-1-update.json`, "update", transactionBundle(rng.uuid(), [v], at), [`Patient/${pat.id}`]),
    );
  }
  const finished = rec.resources.filter((r) => r.resourceType === "Encounter" && (r.period as { end?: string }).end);
  if (finished.length > 0 && rng.chance(CHANGE_RATES.staleVersion)) {
    const enc = rng.pick(finished);
    const start = (enc.period as { start: string }).start;
    const v = {
      ...asRef(enc, types),
      meta: { lastUpdated: start },
      status: "in-progress",
      period: { start },
    } as Resource;
    delete v.hospitalization; // not discharged yet in this older version
    out.versions.push(v);
    out.files.push(
      file(`${pre}-2-stale-version.json`, "stale-version", transactionBundle(rng.uuid(), [v], Date.parse(start)), [
        `Encounter/${enc.id}`,
      ]),
    );
  }
  const encs = rec.resources.filter((r) => r.resourceType === "Encounter");
  if (encs.length > 0 && rng.chance(CHANGE_RATES.delete))
    out.files.push(deleteFile(rng, pre, rec, rng.pick(encs), refMs, out.deletes));
  return out;
}

/** Deletes an encounter with its conditions and vitals, as of the reference date. */
function deleteFile(
  rng: Prng,
  pre: string,
  rec: PatientRecord,
  enc: Resource,
  refMs: number,
  deletes: DeleteEntry[],
): ChangeFile {
  const tails = [`urn:uuid:${enc.id}`, `Encounter/${enc.id}`];
  const deps = rec.resources.filter((r) =>
    tails.includes((r.encounter as { reference?: string } | undefined)?.reference ?? ""),
  );
  const targets = [enc, ...deps].map((r) => ({ type: r.resourceType, id: r.id }));
  for (const t of targets) deletes.push({ ...t, timestamp: instant(refMs) });
  return file(
    `${pre}-3-delete.json`,
    "delete",
    deleteBundle(rng.uuid(), targets, refMs),
    targets.map((t) => `${t.type}/${t.id}`),
  );
}

function file(name: string, kind: ChangeKind, doc: unknown, resources: string[]): ChangeFile {
  return { name, kind, text: JSON.stringify(doc), resources };
}

/** The run-level change files: an exact duplicate of the first change file and three malformed files. */
export function globalChanges(first: ChangeFile | undefined): ChangeFile[] {
  const out: ChangeFile[] = [];
  if (first) out.push({ ...first, name: `zz-1-duplicate-of-${first.name}`, kind: "duplicate" });
  out.push({
    name: "zz-2-malformed-truncated.json",
    kind: "malformed",
    text: '{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Pat',
    resources: [],
  });
  out.push({
    name: "zz-3-malformed-no-resource-type.json",
    kind: "malformed",
    text: '{"id":"x","status":"final"}',
    resources: [],
  });
  out.push({
    name: "zz-4-malformed-lines.ndjson",
    kind: "malformed",
    text: '{"resourceType":"Observation","id":"broken-1"\nnot json at all\n',
    resources: [],
  });
  return out;
}
