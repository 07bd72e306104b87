import { strict as assert } from "assert";
import * as http from "http";
import * as net from "net";
import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { uploadFolder } from "../../ingestion/upload/uploader";
import { MotoServer, startMoto } from "../helpers/moto-server";
import { generateTo } from "./helpers";

/** A proxy in front of moto that answers the first PUT with 500, to prove the uploader retries. */
function failingProxy(
  target: number,
): Promise<{ server: http.Server; port: number; puts: () => number; failed: () => number }> {
  let puts = 0;
  let failed = 0;
  const server = http.createServer((req, res) => {
    if (req.method === "PUT" && req.url !== "/" && ++puts === 1) {
      failed++;
      req.resume();
      res
        .writeHead(500, { "content-type": "application/xml" })
        .end("<Error><Code>InternalError</Code><Message>injected</Message></Error>");
      return;
    }
    const up = http.request(
      { host: "127.0.0.1", port: target, path: req.url, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    req.pipe(up);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, port: (server.address() as net.AddressInfo).port, puts: () => puts, failed: () => failed }),
    ),
  );
}

describe("generate-fhir S3 upload (moto server)", function () {
  let moto: MotoServer;
  let motoPort: number;

  before(async () => {
    process.env.AWS_ACCESS_KEY_ID = "testing";
    process.env.AWS_SECRET_ACCESS_KEY = "testing";
    moto = await startMoto();
    motoPort = moto.port;
  });

  after(() => {
    moto?.stop();
  });

  it(
    "uploads every file under raw/fhir/<source>/<yyyy>/<mm>/<dd>/ " + "with SSE-KMS, retrying an injected 500",
    async () => {
      const { dir } = await generateTo("upload", { patients: 5, changes: true });
      const endpoint = `http://127.0.0.1:${motoPort}`;
      const s3 = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: "raw-zone" }));
      const proxy = await failingProxy(motoPort);
      try {
        const summary = await uploadFolder(dir, {
          bucket: "s3://raw-zone/landing",
          source: "synthetic",
          referenceDate: "2025-06-30",
          region: "us-east-1",
          endpointUrl: `http://127.0.0.1:${proxy.port}`,
          kmsKeyId: "alias/raw-zone",
          concurrency: 3,
          retries: 3,
          baseDelayMs: 10,
        });
        assert.equal(proxy.failed(), 1);
        assert.equal(summary.retries, 1);
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: "raw-zone" }));
        const keys = (listed.Contents ?? []).map((o) => o.Key!).sort();
        assert.equal(keys.length, summary.objects);
        assert.ok(keys.includes("landing/raw/fhir/synthetic/2025/06/30/_manifest.json"));
        assert.ok(keys.includes("landing/raw/fhir/synthetic/2025/06/30/patient-0000000.json"));
        assert.ok(keys.every((k) => k.startsWith("landing/raw/fhir/synthetic/2025/06/30/")));
        const head = await s3.send(new HeadObjectCommand({ Bucket: "raw-zone", Key: keys[0] }));
        assert.equal(head.ServerSideEncryption, "aws:kms");
      } finally {
        proxy.server.close();
        s3.destroy();
      }
    },
  );
});
