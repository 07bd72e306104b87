import { strict as assert } from "assert";
import { ValidateFunction } from "ajv";
import * as fs from "fs";
import * as path from "path";
import { gunzipSync } from "zlib";
import { compileFhirValidator } from "../../ingestion/validate/fhir-schema";
import { isRealDate } from "../../ingestion/validate/checks";
import { folderBytes, generateTo, readDocs } from "./helpers";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A validator compiled here from HL7's schema, not the generator's disk-cached one. */
const independentValidator = (): ValidateFunction => compileFhirValidator();

/** All reference strings inside a value. */
function references(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => references(x, out));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "reference" && typeof x === "string") out.push(x);
      else references(x, out);
    }
  }
  return out;
}

describe("generate-fhir output", () => {
  it("bundle format: every file is a schema-valid R4 transaction Bundle whose references resolve", async () => {
    const { dir } = await generateTo("bundle", { patients: 30 });
    const docs = readDocs(dir);
    const validate = independentValidator();
    const orgs = new Set(
      docs
        .filter((d) => d.file.startsWith("organizations"))
        .flatMap((d) => d.doc.entry.map((e: Json) => `Organization/${e.resource.id}`)),
    );
    assert.ok(orgs.size > 0);
    for (const { file, doc } of docs) {
      assert.ok(validate(doc), `${file}: ${JSON.stringify(validate.errors)}`);
      assert.equal(doc.type, "transaction");
      const local = new Set(doc.entry.map((e: Json) => e.fullUrl));
      for (const e of doc.entry) {
        assert.match(e.fullUrl, /^urn:uuid:[0-9a-f-]{36}$/);
        assert.deepEqual(e.request, { method: "PUT", url: `${e.resource.resourceType}/${e.resource.id}` });
        assert.ok(e.resource.meta.lastUpdated);
        for (const r of references(e.resource)) assert.ok(local.has(r) || orgs.has(r), `${file}: unresolved ${r}`);
      }
    }
  });

  it("ndjson format: one file per type, schema-valid resources, Type/id references that resolve", async () => {
    const { dir } = await generateTo("ndjson", { patients: 30, format: "ndjson" });
    assert.deepEqual(fs.readdirSync(dir).sort(), [
      "Condition.ndjson",
      "Encounter.ndjson",
      "Observation.ndjson",
      "Organization.ndjson",
      "Patient.ndjson",
      "_manifest.json",
    ]);
    const docs = readDocs(dir);
    const validate = independentValidator();
    const ids = new Set(docs.map((d) => `${d.doc.resourceType}/${d.doc.id}`));
    for (const { file, doc } of docs) {
      assert.ok(validate(doc), `${file}: ${JSON.stringify(validate.errors)}`);
      assert.equal(`${doc.resourceType}.ndjson`, file);
      for (const r of references(doc)) assert.ok(ids.has(r), `unresolved ${r}`);
    }
  });

  it(
    "resources are clinically coherent: R4 encounter shape, " + "time order, nothing after death, vitals and codes",
    async () => {
      const { dir } = await generateTo("coherent", { patients: 60, format: "ndjson" });
      const docs = readDocs(dir).map((d) => d.doc);
      const patients = new Map(docs.filter((d) => d.resourceType === "Patient").map((p) => [`Patient/${p.id}`, p]));
      for (const p of patients.values()) {
        assert.ok(!(p.deceasedBoolean !== undefined && p.deceasedDateTime !== undefined));
        assert.ok(isRealDate(p.birthDate) && p.address[0].country && p.address[0].state);
      }
      for (const e of docs.filter((d) => d.resourceType === "Encounter")) {
        assert.equal(e.class.system, "http://terminology.hl7.org/CodeSystem/v3-ActCode");
        assert.ok(!("actualPeriod" in e) && !Array.isArray(e.class), "no R5 fields");
        const death = patients.get(e.subject.reference)!.deceasedDateTime;
        if (e.period.end) assert.ok(e.period.start < e.period.end);
        if (death) assert.ok(e.period.start <= death, "encounter after death");
        const disp = e.hospitalization?.dischargeDisposition.coding[0].code;
        if (disp === "exp") assert.equal(e.period.end, death);
      }
      const obs = docs.filter((d) => d.resourceType === "Observation");
      const codes = new Set(obs.map((o) => o.code.coding[0].code));
      assert.deepEqual([...codes].sort(), ["59408-5", "8310-5", "85354-9", "8867-4", "9279-1"]);
      const panel = obs.find((o) => o.code.coding[0].code === "85354-9")!;
      assert.deepEqual(
        panel.component.map((c: Json) => c.code.coding[0].code),
        ["8480-6", "8462-4"],
      );
      const cond = docs.find((d) => d.resourceType === "Condition")!;
      assert.deepEqual(
        cond.code.coding.map((c: Json) => c.system),
        ["http://hl7.org/fhir/sid/icd-10-cm", "http://snomed.info/sct"],
      );
    },
  );

  it("is byte-identical twice with the same seed (gzip and changes too) and differs with another seed", async () => {
    const opts = { patients: 25, gzip: true, changes: true };
    const a = folderBytes((await generateTo("det-a", opts)).dir);
    const b = folderBytes((await generateTo("det-b", opts)).dir);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [k, v] of a) assert.ok(v.equals(b.get(k)!), `${k} differs`);
    const c = folderBytes((await generateTo("det-c", { ...opts, seed: "other" })).dir);
    const name = "patient-0000000.json.gz";
    assert.notEqual(gunzipSync(a.get(name)!).toString(), gunzipSync(c.get(name)!).toString());
  });

  it("gives the same bytes on worker threads as in the main thread", async () => {
    const a = folderBytes((await generateTo("w0", { patients: 30, workers: 0, chunkSize: 7 })).dir);
    const b = folderBytes((await generateTo("w2", { patients: 30, workers: 2, chunkSize: 7 })).dir);
    for (const [k, v] of a) assert.ok(v.equals(b.get(k)!), `${k} differs`);
  });

  it(
    "--changes writes every change kind, lists them in " + "the manifest, and the KPI totals apply the deletes",
    async () => {
      const { dir, manifest } = await generateTo("changes", { patients: 400, changes: true });
      const plain = (await generateTo("nochanges", { patients: 400 })).manifest;
      const kinds = new Set(manifest.changes.map((c) => c.kind));
      assert.deepEqual([...kinds].sort(), ["delete", "duplicate", "malformed", "stale-version", "update"]);
      for (const c of manifest.changes) assert.ok(fs.existsSync(path.join(dir, c.file)), c.file);
      const dup = manifest.changes.find((c) => c.kind === "duplicate")!;
      const orig = manifest.changes[0];
      assert.ok(fs.readFileSync(path.join(dir, dup.file)).equals(fs.readFileSync(path.join(dir, orig.file))));
      const del = JSON.parse(
        fs.readFileSync(path.join(dir, manifest.changes.find((c) => c.kind === "delete")!.file), "utf8"),
      );
      assert.ok(
        del.timestamp &&
          del.entry.every((e: Json) => e.request.method === "DELETE" && /^\w+\/[0-9a-f-]+$/.test(e.request.url)),
      );
      const deletedEncounters = manifest.changes
        .filter((c) => c.kind === "delete")
        .flatMap((c) => c.resources)
        .filter((r) => r.startsWith("Encounter/")).length;
      assert.equal(manifest.kpiTotals.encounters, plain.kpiTotals.encounters - deletedEncounters);
    },
  );
});
