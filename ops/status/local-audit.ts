import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import AUDIT from "../../glue-jobs/lakehouse/data/audit_table.json";

// dynalite ships no types: a factory of an http.Server speaking DynamoDB's API over LevelDB files in `path`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require("dynalite") as (options: { path: string; createTableMs?: number }) => net.Server;

/** The lake's audit folder, as glue-jobs/lakehouse/local/pipeline.py keeps it. */
export const AUDIT_DIR = ".audit";
export const LOCAL_AUDIT_TABLE: string = AUDIT.localTableName;

export interface LocalAudit {
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * Serves a local lake's audit log (dynalite over <lake>/.audit) on 127.0.0.1 for as long as the caller needs.
 * Fails when the lake has no audit log yet, or while a pipeline run holds it (LevelDB allows one process).
 */
export async function openLocalAudit(lake: string): Promise<LocalAudit> {
  const folder = path.join(path.resolve(lake), AUDIT_DIR);
  if (!fs.existsSync(folder)) throw new Error(`${lake} has no audit log (${AUDIT_DIR}/): run npm run lakehouse first`);
  const server = dynalite({ path: folder, createTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
