import { ChildProcess, spawn } from "child_process";
import * as net from "net";
import * as path from "path";

const MOTO = path.join(__dirname, "..", "..", ".venv", "bin", "moto_server");

/** Static test credentials: moto accepts any, and the SDK must not look for real ones. */
export const TEST_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  stop(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForPort(port: number, process: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`moto_server exited with ${process.exitCode}`);
    const ok = await new Promise<boolean>((r) =>
      net
        .connect(port, "127.0.0.1")
        .on("connect", function (this: net.Socket) {
          this.end();
          r(true);
        })
        .on("error", () => r(false)),
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not listen on ${port}`);
}

/** moto in server mode on a free 127.0.0.1 port (installed into .venv by the project's Python set-up). */
export async function startMoto(timeoutMs = 20000): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn(MOTO, ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  try {
    await waitForPort(port, child, Date.now() + timeoutMs);
  } catch (err) {
    child.kill();
    throw err;
  }
  return { endpoint: `http://127.0.0.1:${port}`, port, stop: () => child.kill() };
}
