import { ChildProcess, spawn, spawnSync } from "child_process";
import * as net from "net";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const SETUP = path.join(ROOT, "scripts", "setup-fhir-server.sh");

/** Options of {@link startFhirServer}. */
export interface FhirServerOptions {
  /** The TCP port on 127.0.0.1; default a free one. */
  readonly port?: number;
  /** An H2 database file (path without `.mv.db`) that keeps the data between runs; default in memory. */
  readonly h2File?: string;
  /** The Java heap in MB; default 512. */
  readonly heapMb?: number;
  /** How long to wait for `GET /fhir/metadata` to answer, in ms; default 240000. */
  readonly timeoutMs?: number;
}

/** A running local HAPI FHIR server. */
export interface FhirServer {
  /** The FHIR base URL, e.g. `http://127.0.0.1:8080/fhir`. */
  readonly baseUrl: string;
  readonly port: number;
  /** The Java process id. */
  readonly pid: number;
  /** Stops the Java process (SIGTERM, then SIGKILL after 30 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

/** Builds the server jar if missing or its sources changed (scripts/setup-fhir-server.sh); returns its path. */
export function buildFhirServer(): string {
  const run = spawnSync("bash", [SETUP], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status !== 0)
    throw new Error(`scripts/setup-fhir-server.sh failed (exit ${run.status}): is Maven installed?`);
  return run.stdout.trim().split("\n").pop() as string;
}

/** A free TCP port on 127.0.0.1. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** The java command line: loopback only, in-memory H2 unless a file is given, exits when its stdin closes. */
export function javaArgs(jar: string, port: number, opts: FhirServerOptions): string[] {
  const db = opts.h2File ? `jdbc:h2:file:${path.resolve(opts.h2File)}` : `jdbc:h2:mem:fhir;DB_CLOSE_DELAY=-1`;
  return [
    `-Xmx${opts.heapMb ?? 512}m`,
    "-XX:TieredStopAtLevel=1",
    "-Dfhir-server.exit-with-stdin=true",
    "-jar",
    jar,
    "--server.address=127.0.0.1",
    `--server.port=${port}`,
    `--spring.datasource.url=${db}`,
  ];
}

/** Builds (if needed) and starts the server; resolves once `GET <baseUrl>/metadata` answers 200. */
export async function startFhirServer(opts: FhirServerOptions = {}): Promise<FhirServer> {
  const jar = buildFhirServer();
  const port = opts.port ?? (await freeLoopbackPort());
  const baseUrl = `http://127.0.0.1:${port}/fhir`;
  // stdin stays an open pipe: when this process ends, even by SIGKILL, it closes and the server exits.
  const child = spawn("java", javaArgs(jar, port, opts), { stdio: ["pipe", "pipe", "pipe"] });
  const log: string[] = [];
  const keep = (chunk: Buffer): void => {
    log.push(...chunk.toString("utf8").split("\n"));
    log.splice(0, Math.max(0, log.length - 40));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: FhirServer = { baseUrl, port, pid: child.pid as number, stop: () => stopChild(child, exited) };
  try {
    await waitForMetadata(baseUrl, child, Date.now() + (opts.timeoutMs ?? 240000));
  } catch (err) {
    await server.stop();
    throw new Error(`${(err as Error).message}\n--- last server output ---\n${log.join("\n")}`);
  }
  return server;
}

async function waitForMetadata(baseUrl: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the FHIR server exited (${child.exitCode ?? child.signalCode}) before it answered`);
    try {
      const res = await fetch(`${baseUrl}/metadata`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the FHIR server did not answer ${baseUrl}/metadata in time`);
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30000);
  await exited;
  clearTimeout(timer);
  child.stdin?.destroy();
}
