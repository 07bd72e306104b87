/**
 * Reference resolution between the tables of one import: the ids each type has written so far. Tables are
 * imported in IMPORT_TYPES order (Organization, Patient, Encounter, ...), so a reference always points back to
 * a table already read. One Set of ids per type: memory grows with the ids, not with the rows' contents.
 */
import { ImportType } from "./elements";

/** The ids written per type, and which types this import produces at all. */
export class IdRegistry {
  private readonly ids = new Map<ImportType, Set<string>>();
  // Of resources that may repeat: id -> the fields' values of the row that wrote it (compared with later rows).
  private readonly firsts = new Map<ImportType, Map<string, string>>();

  /** `produced`: the types some table of the mapping writes (references to others are taken as they are). */
  constructor(produced: Iterable<ImportType>) {
    for (const t of produced) this.ids.set(t, new Set());
  }

  /** true when this import writes `type`, so its references can be checked. */
  checks(type: ImportType): boolean {
    return this.ids.has(type);
  }

  /** true when `id` of `type` was already written (a duplicate). */
  has(type: ImportType, id: string): boolean {
    return this.ids.get(type)?.has(id) ?? false;
  }

  /** Records a written resource; `values` (of a repeating resource) is what later rows must agree with. */
  add(type: ImportType, id: string, values?: string): void {
    this.ids.get(type)?.add(id);
    if (values === undefined) return;
    let m = this.firsts.get(type);
    if (!m) this.firsts.set(type, (m = new Map()));
    m.set(id, values);
  }

  /** The values recorded with a repeating resource's id, if written. */
  first(type: ImportType, id: string): string | undefined {
    return this.firsts.get(type)?.get(id);
  }

  /** false for a reference to a type this import writes but to an id it has not written. */
  resolves(type: ImportType, id: string): boolean {
    return !this.checks(type) || this.has(type, id);
  }
}
