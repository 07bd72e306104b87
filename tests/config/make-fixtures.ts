import { loadStackConfig } from "../../config/load-config";

/** A deep, mutable copy of the valid dev config, for fixtures to break one field at a time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function devCopy(): Record<string, any> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return JSON.parse(JSON.stringify(loadStackConfig("dev"))) as Record<string, any>;
}
