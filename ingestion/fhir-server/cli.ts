// `npm run fhir-server [-- --port N] [-- --h2-file PATH]`: a local HAPI FHIR server on 127.0.0.1, built on first use.
// Prints the base URL once it answers, runs until SIGINT/SIGTERM, then stops the Java process.
import { Command, InvalidArgumentError } from "commander";
import { startFhirServer } from "./local-server";

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError("a port from 1 to 65535");
  return port;
}

async function main(): Promise<void> {
  const opts = new Command("fhir-server")
    .description("A HAPI FHIR R4 JPA server on H2, on 127.0.0.1, for tests and local use (not production)")
    .option("--port <n>", "TCP port (default 8080)", portNumber, 8080)
    .option("--h2-file <path>", "keep the data in this H2 database file (default: in memory, lost on stop)")
    .parse()
    .opts<{ port: number; h2File?: string }>();
  const server = await startFhirServer({ port: opts.port, h2File: opts.h2File });
  console.log(server.baseUrl);
  const shutdown = (): void => {
    server.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
