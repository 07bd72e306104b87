import { strict as assert } from "assert";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import { MotoServer, TEST_CREDENTIALS, startMoto } from "../../helpers/moto-server";
import { tempDir } from "../helpers";
import { writeBadRows } from "./fixtures";
import { runAsync } from "./cli-run";

describe("import-csv --bucket (moto S3 server on 127.0.0.1)", function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let s3: S3Client;

  before(async () => {
    moto = await startMoto();
    s3 = new S3Client({
      region: "us-east-1",
      endpoint: moto.endpoint,
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
    await s3.send(new CreateBucketCommand({ Bucket: "raw-zone" }));
  });

  after(() => {
    s3?.destroy();
    moto?.stop();
  });

  it("uploads the run's data, rejects and manifest under <prefix>/raw/fhir/<source>/<date>/, SSE-KMS", async () => {
    const { files, mapping } = writeBadRows(tempDir("csv-up"));
    const env = {
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    };
    const args = ["--mapping", mapping, "--source", "clinic", "--run", "up1", ...files];
    const s3Args = ["--bucket", "s3://raw-zone/landing", "--endpoint-url", moto.endpoint, "--kms-key-id", "alias/raw"];
    const r = await runAsync([...args, ...s3Args], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /Uploaded 7 objects \(\d+ bytes, 0 retries\) to s3:\/\/raw-zone\/landing\/raw\/fhir\/clinic\//,
    );
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "raw-zone" }));
    const keys = (listed.Contents ?? []).map((o) => o.Key!).sort();
    const day = new Date().toISOString().slice(0, 10).split("-").join("/");
    const prefix = `landing/raw/fhir/clinic/${day}/`;
    assert.deepEqual(
      keys.map((k) => k.slice(prefix.length)),
      [
        "_up1/manifest.json",
        "_up1/rejects.csv",
        ...["Condition", "Encounter", "Observation", "Organization", "Patient"].map((t) => `up1.${t}.ndjson`),
      ],
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: "raw-zone", Key: `${prefix}up1.Patient.ndjson` }));
    assert.equal(head.ServerSideEncryption, "aws:kms");
    const body = await s3.send(new GetObjectCommand({ Bucket: "raw-zone", Key: `${prefix}_up1/manifest.json` }));
    const manifest = JSON.parse(await body.Body!.transformToString());
    assert.equal(manifest.rowsRead, 22);
  });
});
