import { strict as assert } from "assert";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { FhirServer, buildFhirServer, javaArgs, startFhirServer } from "../../ingestion/fhir-server/local-server";
import { generateTo, readDocs } from "../ingestion/helpers";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FHIR_JSON = { "Content-Type": "application/fhir+json", Accept: "application/fhir+json" };

async function getJson(url: string): Promise<Json> {
  const res = await fetch(url, { headers: { Accept: "application/fhir+json" } });
  assert.equal(res.status, 200, `GET ${url}: ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as Json;
}

/** Every resource of a search, following link[next] through all pages; also the number of pages. */
async function searchAll(first: string): Promise<{ resources: Json[]; pages: number }> {
  const resources: Json[] = [];
  let pages = 0;
  for (let url: string | undefined = first; url; pages++) {
    const page = await getJson(url);
    resources.push(...(page.entry ?? []).map((e: Json) => e.resource));
    url = (page.link ?? []).find((l: Json) => l.relation === "next")?.url;
  }
  return { resources, pages };
}

/** Kicks off a system-level Bulk export and polls its status URL until 200 (Retry-After honoured, capped at 2 s). */
async function bulkExport(baseUrl: string, types: string): Promise<Json> {
  const kickoff = await fetch(`${baseUrl}/$export?_type=${types}`, {
    headers: { Accept: "application/fhir+json", Prefer: "respond-async" },
  });
  assert.equal(kickoff.status, 202, await kickoff.text());
  const statusUrl = kickoff.headers.get("content-location") as string;
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    const res = await fetch(statusUrl, { headers: { Accept: "application/json" } });
    if (res.status === 200) return (await res.json()) as Json;
    assert.equal(res.status, 202, await res.text());
    const retryAfter = Number(res.headers.get("retry-after") ?? "1");
    await new Promise((r) => setTimeout(r, Math.min(Number.isFinite(retryAfter) ? retryAfter : 1, 2) * 1000));
  }
  throw new Error(`the export at ${statusUrl} did not finish in 120 s`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the local FHIR server's java command line", function () {
  it("binds to 127.0.0.1, uses in-memory H2 and a 512 MB heap by default, and exits with its parent", function () {
    const args = javaArgs("/x/fhir-server.jar", 8123, {});
    assert.deepEqual(
      ["-Xmx512m", "-Dfhir-server.exit-with-stdin=true", "--server.address=127.0.0.1", "--server.port=8123"].filter(
        (a) => !args.includes(a),
      ),
      [],
    );
    assert.ok(args.includes("--spring.datasource.url=jdbc:h2:mem:fhir;DB_CLOSE_DELAY=-1"));
    assert.ok(args.indexOf("-jar") < args.indexOf("--server.port=8123"), "JVM options before -jar, Spring's after");
  });

  it("keeps the data in an H2 file, by absolute path, when one is given", function () {
    const args = javaArgs("/x/fhir-server.jar", 8123, { h2File: "some/dir/fhir", heapMb: 700 });
    assert.ok(args.includes(`--spring.datasource.url=jdbc:h2:file:${path.resolve("some/dir/fhir")}`));
    assert.ok(args.includes("-Xmx700m"));
  });
});

describe("local HAPI FHIR server (servers/fhir-server)", function () {
  let server: FhirServer;
  let bundles: Json[];
  const loaded = new Map<string, number>();

  before(async function () {
    this.timeout(900000); // the first run builds the server with Maven
    const { dir } = await generateTo("hapi", { patients: 20 });
    bundles = readDocs(dir).map((d) => d.doc);
    for (const b of bundles)
      for (const e of b.entry) loaded.set(e.resource.resourceType, (loaded.get(e.resource.resourceType) ?? 0) + 1);
    buildFhirServer(); // here, so that the start time below is the server's own
    const started = Date.now();
    server = await startFhirServer();
    console.log(`      FHIR server at ${server.baseUrl} answered in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  after(async function () {
    this.timeout(60000);
    await server?.stop();
  });

  it("takes the generator's transaction bundles", async function () {
    this.timeout(300000);
    for (const bundle of bundles) {
      const res = await fetch(server.baseUrl, { method: "POST", headers: FHIR_JSON, body: JSON.stringify(bundle) });
      assert.equal(res.status, 200, await res.clone().text());
      const reply = (await res.json()) as Json;
      assert.equal(reply.type, "transaction-response");
      assert.equal(reply.entry.length, bundle.entry.length);
    }
  });

  it("pages a Patient search by _count through link[next] to every patient", async function () {
    const { resources, pages } = await searchAll(`${server.baseUrl}/Patient?_count=5`);
    assert.equal(resources.length, loaded.get("Patient"));
    assert.equal(new Set(resources.map((r) => r.id)).size, resources.length);
    assert.equal(pages, Math.ceil((loaded.get("Patient") as number) / 5));
  });

  it("answers a search of more than 50 in one page when _count asks for it", async function () {
    const encounters = loaded.get("Encounter") as number;
    assert.ok(encounters > 50, `the test data has ${encounters} encounters`);
    const page = await getJson(`${server.baseUrl}/Encounter?_count=1000`);
    assert.equal(page.entry.length, encounters);
  });

  it("exports Patient and Encounter as NDJSON with the counts loaded", async function () {
    this.timeout(180000);
    const started = Date.now();
    const manifest = await bulkExport(server.baseUrl, "Patient,Encounter");
    console.log(`      Bulk export finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const counts = new Map<string, number>();
    for (const out of manifest.output as { type: string; url: string }[]) {
      const res = await fetch(out.url, { headers: { Accept: "application/fhir+ndjson" } });
      assert.equal(res.status, 200);
      const lines = (await res.text()).split("\n").filter((l) => l.trim() !== "");
      for (const l of lines) assert.equal(JSON.parse(l).resourceType, out.type);
      counts.set(out.type, (counts.get(out.type) ?? 0) + lines.length);
    }
    assert.deepEqual(Object.fromEntries(counts), {
      Patient: loaded.get("Patient"),
      Encounter: loaded.get("Encounter"),
    });
  });

  it("a second identical export is a new job, not the first one reused", async function () {
    this.timeout(180000);
    const kick = () =>
      fetch(`${server.baseUrl}/$export?_type=Patient`, {
        headers: { Accept: "application/fhir+json", Prefer: "respond-async" },
      });
    const [a, b] = [await kick(), await kick()];
    assert.notEqual(a.headers.get("content-location"), b.headers.get("content-location"));
  });

  it("listens on 127.0.0.1 only", async () => {
    // The kernel's own table of listening sockets (state 0A): the port is bound to 127.0.0.1 and nothing else.
    const hexPort = server.port.toString(16).toUpperCase().padStart(4, "0");
    const listening = ["/proc/net/tcp", "/proc/net/tcp6"]
      .flatMap((f) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8").split("\n").slice(1) : []))
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length > 3 && cols[3] === "0A" && cols[1].endsWith(`:${hexPort}`))
      .map((cols) => cols[1].split(":")[0]);
    // 127.0.0.1 as IPv4, or as the IPv4-mapped IPv6 address Java's dual-stack sockets use.
    const loopback = new Set(["0100007F", "0000000000000000FFFF00000100007F"]);
    assert.ok(
      listening.length > 0 && listening.every((a) => loopback.has(a)),
      `sockets on port ${server.port}: ${listening.join(", ")}`,
    );
    // And, where the machine has other addresses, a connection through each of them is refused.
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === "IPv4")
      .map((i) => (i as os.NetworkInterfaceInfo).address);
    for (const host of others) {
      const connected = await new Promise<boolean>((resolve) =>
        net
          .connect(server.port, host)
          .on("connect", function (this: net.Socket) {
            this.destroy();
            resolve(true);
          })
          .on("error", () => resolve(false)),
      );
      assert.equal(connected, false, `reachable on ${host}:${server.port}`);
    }
  });

  it("stop() leaves no java process behind", async function () {
    this.timeout(60000);
    const pid = server.pid;
    await server.stop();
    assert.equal(isRunning(pid), false);
    assert.equal(fs.existsSync(path.join("/proc", String(pid))), false);
  });
});
