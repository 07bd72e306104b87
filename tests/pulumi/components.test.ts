import * as path from "path";
import * as fs from "fs";
import { strict as assert } from "assert";
import { RecordingMocks } from "./mocks";
import { buildStack } from "./stack";

describe("components under mocks (dev stack)", () => {
  let m: RecordingMocks;
  before(async () => {
    m = (await buildStack("dev")).mocks;
  });

  it("storage: the key rotates and every data bucket is SSE-KMS with a bucket key", () => {
    assert.equal(m.one("aws:kms/key:Key", "-storage-key").inputs.enableKeyRotation, true);
    const sse = m
      .ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
      .filter((s) => !s.name.includes("access-logs"));
    assert.equal(sse.length, 8); // 7 zones and the trail bucket
    for (const s of sse)
      assert.deepEqual(
        [s.inputs.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, s.inputs.rules[0].bucketKeyEnabled],
        ["aws:kms", true],
      );
  });

  it("storage: lifecycle rules follow config (raw expires after 30 days in dev, results after 7)", () => {
    const days = (zone: string) =>
      m
        .one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `-${zone}-lifecycle`)
        .inputs.rules.find((r: { id: string }) => r.id === "expire-objects")?.expiration.days;
    assert.deepEqual([days("raw"), days("athena-results"), days("access-logs"), days("gold")], [30, 7, 30, undefined]);
  });

  it("storage: every bucket but the log bucket logs to the access-log bucket", () => {
    const logBucket = m.one("aws:s3/bucket:Bucket", "-access-logs").name;
    const logging = m.ofType("aws:s3/bucketLogging:BucketLogging");
    assert.equal(logging.length, 8);
    assert.ok(logging.every((l) => l.inputs.targetBucket.startsWith(logBucket)));
  });

  it("audit log: on-demand table keyed as the jobs write it (pk, sk, day index), PITR, KMS, TTL on expires_at", () => {
    const t = m.one("aws:dynamodb/table:Table", "-audit-table").inputs;
    assert.deepEqual(
      [t.billingMode, t.hashKey, t.rangeKey, t.pointInTimeRecovery.enabled, t.serverSideEncryption.enabled, t.ttl],
      ["PAY_PER_REQUEST", "pk", "sk", true, true, { attributeName: "expires_at", enabled: true }],
    );
    assert.deepEqual(t.attributes.map((a: { name: string }) => a.name).sort(), ["at", "day_key", "pk", "sk"]);
    assert.deepEqual(t.globalSecondaryIndexes, [
      {
        name: "by_day",
        keySchemas: [
          { attributeName: "day_key", keyType: "HASH" },
          { attributeName: "at", keyType: "RANGE" },
        ],
        projectionType: "ALL",
      },
    ]);
    assert.match(t.serverSideEncryption.kmsKeyArn, /^arn:aws:kms:/);
  });

  it("workflow: Glue 5.0 jobs with Hudi, Kryo, the zipped package and the brief's arguments", () => {
    const bronze = m.one("aws:glue/job:Job", "-bronze-job").inputs;
    assert.equal(bronze.glueVersion, "5.0");
    assert.deepEqual(
      [bronze.workerType, bronze.numberOfWorkers, bronze.timeout, bronze.maxRetries],
      ["G.1X", 2, 60, 0],
    );
    const a = bronze.defaultArguments;
    assert.equal(a["--datalake-formats"], "hudi");
    assert.equal(a["--conf"], "spark.serializer=org.apache.spark.serializer.KryoSerializer");
    assert.match(a["--extra-py-files"], /^s3:\/\/fhirlake-dev-scripts-\w+\/packages\/lakehouse\.zip$/);
    const pinned = fs
      .readFileSync(path.join(__dirname, "..", "..", "glue-jobs", "requirements-dev.txt"), "utf8")
      .match(/^simplejson==\S+$/m);
    assert.equal(a["--additional-python-modules"], pinned?.[0], "Glue installs the simplejson that local runs test");
    assert.match(a["--raw_path"], /^s3:\/\/fhirlake-dev-raw-\w+\/fhir$/);
    assert.deepEqual(
      [a["--audit_table"], a["--catalog_database"], a["--metrics_namespace"]],
      ["fhirlake-dev-ingest-audit", "fhirlake_dev_bronze", "FhirLakehouse"],
    );
    assert.ok(a["--quarantine_path"] && a["--bronze_path"]);
    const gold = m.one("aws:glue/job:Job", "-gold-job").inputs.defaultArguments;
    assert.deepEqual(
      Object.keys(gold)
        .filter((k) => /^--[a-z_]+$/.test(k) && k.includes("_"))
        .sort(),
      [
        "--audit_table",
        "--audit_ttl_days",
        "--catalog_database",
        "--gold_path",
        "--metrics_namespace",
        "--silver_path",
      ],
    );
  });

  it("workflow: triggers run start -> bronze -> silver -> gold, each on success", () => {
    const triggers = m.ofType("aws:glue/trigger:Trigger").map((t) => t.inputs);
    const start = triggers.find((t) => t.type === "ON_DEMAND")!;
    assert.equal(start.actions[0].jobName, "fhirlake-dev-bronze");
    const edges = triggers
      .filter((t) => t.type === "CONDITIONAL")
      .map((t) => `${t.predicate.conditions[0].jobName}:${t.predicate.conditions[0].state}->${t.actions[0].jobName}`)
      .sort();
    assert.deepEqual(edges, [
      "fhirlake-dev-bronze:SUCCEEDED->fhirlake-dev-silver",
      "fhirlake-dev-silver:SUCCEEDED->fhirlake-dev-gold",
    ]);
  });

  it(
    "workflow: the bronze role reads raw and writes bronze, " +
      "quarantine and the audit table; silver records its runs there but never touches raw",
    () => {
      const doc = (suffix: string) => m.one("aws:iam/rolePolicy:RolePolicy", suffix).inputs.policy as string;
      const bronze = doc("-bronze-policy");
      const silver = doc("-silver-policy");
      assert.match(bronze, /fhirlake-dev-raw-/);
      assert.match(bronze, /dynamodb:BatchWriteItem/);
      assert.match(bronze, /database\/fhirlake_dev_bronze"/);
      assert.doesNotMatch(silver, /fhirlake-dev-raw-|database\/fhirlake_dev_bronze"/);
      assert.match(silver, /dynamodb:BatchWriteItem/);
    },
  );

  it("ingest: the Lambda is invoked by raw objects under the prefix, job completions and a 30-minute re-check", () => {
    const n = m.one("aws:s3/bucketNotification:BucketNotification", "-raw-notification").inputs;
    assert.deepEqual(
      [n.lambdaFunctions[0].events, n.lambdaFunctions[0].filterPrefix],
      [["s3:ObjectCreated:*"], "fhir/"],
    );
    const fn = m.one("aws:lambda/function:Function", "-ingest-function").inputs;
    assert.deepEqual(fn.environment.variables, { WORKFLOW_NAME: "fhirlake-dev-medallion", RAW_PREFIX: "fhir/" });
    const rules = m.ofType("aws:cloudwatch/eventRule:EventRule").filter((r) => r.name.includes("-ingest-"));
    assert.deepEqual(rules.map((r) => r.inputs.scheduleExpression ?? "pattern").sort(), [
      "pattern",
      "rate(30 minutes)",
    ]);
  });

  it("alerting: failures of this stack's jobs only, with a transformer that leaves out the error message", () => {
    const rule = m.one("aws:cloudwatch/eventRule:EventRule", "-alerts-job-failed").inputs;
    const pattern = JSON.parse(rule.eventPattern);
    assert.deepEqual(pattern.detail, {
      jobName: ["fhirlake-dev-bronze", "fhirlake-dev-silver", "fhirlake-dev-gold"],
      state: ["FAILED", "TIMEOUT", "STOPPED", "ERROR"],
    });
    const target = m.one("aws:cloudwatch/eventTarget:EventTarget", "-alerts-job-failed-target").inputs;
    assert.ok(!JSON.stringify(target.inputTransformer).includes("$.detail.message"));
  });

  it(
    "alerting: freshness alarms after freshnessHours hourly " +
      "periods without a gold success; quarantine alarms above 0",
    () => {
      const fresh = m.one("aws:cloudwatch/metricAlarm:MetricAlarm", "-freshness-alarm").inputs;
      assert.deepEqual(
        [fresh.period, fresh.evaluationPeriods, fresh.treatMissingData, fresh.dimensions.Job],
        [3600, 168, "breaching", "fhirlake-dev-gold"],
      );
      const q = m.one("aws:cloudwatch/metricAlarm:MetricAlarm", "-alerts-quarantine").inputs;
      assert.deepEqual(
        [q.namespace, q.metricName, q.threshold, q.comparisonOperator],
        ["FhirLakehouse", "QuarantinedRecords", 0, "GreaterThanThreshold"],
      );
      assert.equal(
        q.dimensions.Job,
        "fhirlake-dev-bronze",
        "the bronze job publishes its own Glue job name, so stacks never share the metric",
      );
    },
  );

  it("alerting: the topic policy lets only the stack's rules (job failed, break-glass used) and alarms publish", () => {
    const doc = JSON.parse(m.one("aws:sns/topicPolicy:TopicPolicy", "-topic-policy").inputs.policy);
    const sources = doc.Statement.flatMap(
      (s: { Condition: { ArnEquals: { "aws:SourceArn": string[] } } }) => s.Condition.ArnEquals["aws:SourceArn"],
    );
    assert.equal(sources.length, 5);
    assert.ok(sources.includes("arn:aws:events:us-east-1:123456789012:rule/fhirlake-dev-break-glass-used"));
    assert.ok(sources.every((a: string) => /^arn:aws:(events|cloudwatch):us-east-1:123456789012:/.test(a)));
  });

  it("analytics: enforced workgroup with SSE-KMS results and the config's scan cutoff", () => {
    const c = m.one("aws:athena/workgroup:Workgroup", "-workgroup").inputs.configuration;
    assert.deepEqual(
      [
        c.enforceWorkgroupConfiguration,
        c.resultConfiguration.encryptionConfiguration.encryptionOption,
        c.bytesScannedCutoffPerQuery,
      ],
      [true, "SSE_KMS", 1024 * 1024 * 1024],
    );
  });
});

describe("dashboards under mocks (prod stack)", () => {
  it("grants the configured QuickSight group read access by an ARN built from the caller's account", async () => {
    const m = (await buildStack("prod")).mocks;
    const dash = m.one("aws-native:quicksight:Dashboard", "-dashboard").inputs;
    assert.equal(
      dash.permissions[0].principal,
      "arn:aws:quicksight:us-east-1:123456789012:group/default/clinical-analysts",
    );
    assert.deepEqual(
      dash.definition.dataSetIdentifierDeclarations.map((d: { identifier: string }) => d.identifier),
      ["kpi_monthly_published", "readmissions"],
    );
    const ds = m.one("aws:quicksight/dataSet:DataSet", "-readmissions").inputs;
    assert.equal(ds.importMode, "DIRECT_QUERY");
    assert.deepEqual(ds.physicalTableMaps[0].relationalTable.inputColumns, [
      { name: "month", type: "STRING" },
      { name: "readmission_rate_30d", type: "DECIMAL" },
    ]);
  });
});
