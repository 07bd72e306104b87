import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, loadConfigFile } from "../../config/load-config";
import { devCopy } from "./make-fixtures";

/** Each fixture breaks the valid dev config in one way and names the JSON path the error must carry. */
const fixtures: { name: string; mutate: (c: ReturnType<typeof devCopy>) => void; field: string; says: RegExp }[] = [
  {
    name: "missing-key",
    mutate: (c) => delete c.glue.workerType,
    field: "/glue",
    says: /missing required key 'workerType'/,
  },
  {
    name: "wrong-type",
    mutate: (c) => (c.glue.numberOfWorkers = "ten"),
    field: "/glue/numberOfWorkers",
    says: /must be integer/,
  },
  { name: "unknown-key", mutate: (c) => (c.storage.encrypt = false), field: "/storage", says: /unknown key 'encrypt'/ },
  {
    name: "bad-enum",
    mutate: (c) => (c.environment = "production"),
    field: "/environment",
    says: /must be one of "dev", "staging", "prod"/,
  },
  {
    name: "bad-email",
    mutate: (c) => (c.alerting.emails = ["oncall-at-example.org"]),
    field: "/alerting/emails/0",
    says: /format "email"/,
  },
  {
    name: "negative-size",
    mutate: (c) => (c.storage.noncurrentVersionExpirationDays = -5),
    field: "/storage/noncurrentVersionExpirationDays",
    says: />= 1/,
  },
  {
    name: "too-few-workers",
    mutate: (c) => (c.glue.numberOfWorkers = 1),
    field: "/glue/numberOfWorkers",
    says: />= 2/,
  },
  { name: "bad-prefix", mutate: (c) => (c.prefix = "FHIR_Lake"), field: "/prefix", says: /must match pattern/ },
  {
    name: "bad-schedule",
    mutate: (c) => (c.glue.schedule = "every night"),
    field: "/glue/schedule",
    says: /must match pattern/,
  },
  { name: "fractional-ttl", mutate: (c) => (c.audit.ttlDays = 1.5), field: "/audit/ttlDays", says: /must be integer/ },
  { name: "bad-region", mutate: (c) => (c.awsRegion = "Virginia"), field: "/awsRegion", says: /must match pattern/ },
  {
    name: "ia-below-s3-minimum",
    mutate: (c) => (c.storage.infrequentAccessAfterDays = 7),
    field: "/storage/infrequentAccessAfterDays",
    says: />= 30/,
  },
  {
    name: "duplicate-email",
    mutate: (c) => (c.alerting.emails = ["a@example.org", "a@example.org"]),
    field: "/alerting/emails",
    says: /duplicate items/,
  },
  {
    name: "bad-quicksight-principal",
    mutate: (c) => (c.dashboards.quicksightPrincipals = ["arn:aws:iam::123456789012:root"]),
    field: "/dashboards/quicksightPrincipals/0",
    says: /must match pattern/,
  },
  { name: "tag-not-string", mutate: (c) => (c.tags.owner = 42), field: "/tags/owner", says: /must be string/ },
];

describe("stack config validation", () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-fixtures-"))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const f of fixtures) {
    it(`rejects the ${f.name} fixture, naming the file and ${f.field}`, () => {
      const config = devCopy();
      f.mutate(config);
      const file = path.join(dir, `${f.name}.json`);
      fs.writeFileSync(file, JSON.stringify(config));
      assert.throws(
        () => loadConfigFile(file),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError, "a ConfigError");
          assert.ok(err.message.includes(file), `message names the file: ${err.message}`);
          const line = err.problems.find((p) => p.startsWith(`${f.field}:`));
          assert.ok(line, `a problem at ${f.field} in ${JSON.stringify(err.problems)}`);
          assert.match(line, f.says);
          return true;
        },
      );
    });
  }

  it("reports every problem of a file at once, not only the first", () => {
    const config = devCopy();
    config.environment = "qa";
    config.glue.numberOfWorkers = 0;
    delete config.audit;
    const file = path.join(dir, "many.json");
    fs.writeFileSync(file, JSON.stringify(config));
    assert.throws(
      () => loadConfigFile(file),
      (err: ConfigError) => err.problems.length === 3,
    );
  });

  it("rejects a file that is not JSON, naming the file", () => {
    const file = path.join(dir, "broken.json");
    fs.writeFileSync(file, '{"environment": "dev",');
    assert.throws(
      () => loadConfigFile(file),
      (err: ConfigError) => err.message.includes(file) && /not valid JSON/.test(err.message),
    );
  });

  it("rejects a missing file, naming it", () => {
    const file = path.join(dir, "absent.json");
    assert.throws(
      () => loadConfigFile(file),
      (err: ConfigError) => err.message.includes(file) && /ENOENT/.test(err.message),
    );
  });
});
