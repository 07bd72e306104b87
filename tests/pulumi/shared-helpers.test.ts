import { strict as assert } from "assert";
import * as path from "path";
import { glueAlertTransformer, glueJobAlertPattern } from "../../components/shared/alert-events";
import { decodePrestoView, hiveType, parseColumnsHeader, parseViewFile, prestoViewOriginalText, readViewFiles } from "../../components/shared/athena-views";
import { secureBucketPolicy } from "../../components/shared/bucket-policies";
import { jobArguments } from "../../components/shared/glue-arguments";
import { glueJobPolicy } from "../../components/shared/glue-job-policy";
import { jobScriptPath, packageFiles } from "../../components/shared/job-assets";
import { KEY_ACCOUNT_ACTIONS, lakeKeyPolicy } from "../../components/shared/kms-policy";
import { lifecycleRules } from "../../components/shared/lifecycle";
import { glueDatabaseName, resourceName, s3Uri } from "../../components/shared/names";
import { quicksightColumnType, quicksightPrincipalArn } from "../../components/shared/quicksight";
import { ingestLambdaPolicy, quicksightAthenaPolicy } from "../../components/shared/service-policies";
import { identityPolicyProblems } from "../../policy/iam-checks";
import { REPO_ROOT } from "./stack";

const scope = { partition: "aws", region: "eu-west-1", accountId: "111122223333" };
const grants = {
  ...scope,
  readBuckets: ["arn:aws:s3:::raw", "arn:aws:s3:::scripts"],
  writeBuckets: ["arn:aws:s3:::bronze"],
  tempPrefixArn: "arn:aws:s3:::scripts/temp/bronze",
  databaseName: "lake_bronze",
  auditTableArn: "arn:aws:dynamodb:eu-west-1:111122223333:table/audit",
  kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k",
};

describe("names", () => {
  it("derives every name from the prefix and rejects a bad prefix with a readable message", () => {
    assert.equal(resourceName("fhirlake-dev", "raw"), "fhirlake-dev-raw");
    assert.equal(glueDatabaseName("fhirlake-dev", "gold"), "fhirlake_dev_gold");
    assert.throws(() => resourceName("Bad_Prefix", "raw"), /prefix 'Bad_Prefix' must be lowercase/);
  });

  it("s3Uri never ends with a slash, so the jobs can append /<table>", () => {
    assert.deepEqual([s3Uri("b"), s3Uri("b", "fhir/"), s3Uri("b", "/a/b/")], ["s3://b", "s3://b/fhir", "s3://b/a/b"]);
  });
});

describe("lifecycle rules", () => {
  const settings = { rawExpirationDays: null, noncurrentVersionExpirationDays: 90, infrequentAccessAfterDays: 90, athenaResultsExpirationDays: 30, accessLogsExpirationDays: 365 };
  it("keeps raw files forever when rawExpirationDays is null, but still expires noncurrent versions", () => {
    const ids = lifecycleRules("raw", settings).map((r) => r.id);
    assert.deepEqual(ids, ["noncurrent-versions", "abort-multipart"]);
  });
  it("moves bronze and silver to STANDARD_IA, never gold", () => {
    assert.equal(lifecycleRules("silver", settings).find((r) => r.id === "infrequent-access")?.transitions?.[0].storageClass, "STANDARD_IA");
    assert.equal(lifecycleRules("gold", settings).find((r) => r.id === "infrequent-access"), undefined);
  });
});

describe("IAM documents", () => {
  it("the Glue job policy passes the least-privilege check and scopes metrics by namespace", () => {
    const doc = glueJobPolicy(grants);
    assert.deepEqual(identityPolicyProblems(doc), []);
    const metrics = doc.Statement.find((s) => s.Sid === "PublishMetrics")!;
    assert.deepEqual(metrics.Condition, { StringEquals: { "cloudwatch:namespace": ["FhirLakehouse", "Glue"] } });
  });

  it("only a job given an audit table may touch DynamoDB", () => {
    assert.ok(JSON.stringify(glueJobPolicy(grants)).includes("dynamodb:BatchWriteItem"));
    assert.ok(!JSON.stringify(glueJobPolicy({ ...grants, auditTableArn: undefined })).includes("dynamodb"));
  });

  it("the Lambda and QuickSight policies pass the least-privilege check", () => {
    assert.deepEqual(identityPolicyProblems(ingestLambdaPolicy(scope, "wf", "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/f", "arn:k")), []);
    const qs = quicksightAthenaPolicy({ scope, workgroupName: "wg", goldBucketArn: "arn:aws:s3:::gold", resultsBucketArn: "arn:aws:s3:::res", goldDatabase: "lake_gold", kmsKeyArn: "arn:k" });
    assert.deepEqual(identityPolicyProblems(qs), []);
  });

  it("the least-privilege check reports wildcard actions, actions on *, and an unconditioned PutMetricData", () => {
    const problems = identityPolicyProblems({
      Statement: [
        { Effect: "Allow", Action: "glue:*", Resource: "arn:aws:glue:::x" },
        { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] },
        { Effect: "Allow", Action: ["cloudwatch:PutMetricData"], Resource: ["*"] },
        { Effect: "Deny", Action: ["s3:*"], Resource: ["*"] },
      ],
    });
    assert.deepEqual(problems, ["statement 0: wildcard action 'glue:*'", 'statement 1: s3:GetObject on Resource "*"', 'statement 2: cloudwatch:PutMetricData on Resource "*"']);
  });

  it("the bucket policy denies non-TLS access and lets log delivery in only for the log bucket and this account", () => {
    const plain = secureBucketPolicy("arn:aws:s3:::b", "111122223333", false);
    assert.deepEqual(plain.Statement.map((s) => s.Sid), ["DenyInsecureTransport"]);
    const logs = secureBucketPolicy("arn:aws:s3:::l", "111122223333", true);
    assert.deepEqual(logs.Statement[1].Condition, { StringEquals: { "aws:SourceAccount": "111122223333" } });
  });

  it("the key policy lists its actions (no kms:*) and limits services to this account's resources", () => {
    const doc = lakeKeyPolicy("111122223333", "eu-west-1");
    assert.ok(!JSON.stringify(doc).includes('"kms:*"'));
    assert.ok(KEY_ACCOUNT_ACTIONS.includes("kms:PutKeyPolicy"), "the root must keep PutKeyPolicy or the key locks out");
    assert.ok(doc.Statement.slice(1).every((s) => s.Condition !== undefined));
  });
});

describe("Glue job arguments", () => {
  const l = { rawBucket: "r", rawPrefix: "fhir/", bronzeBucket: "b", silverBucket: "s", goldBucket: "g", quarantineBucket: "q", auditTable: "t", auditTtlDays: 90, databases: { bronze: "db_b", silver: "db_s", gold: "db_g" } };
  it("match the brief's interface per job", () => {
    assert.deepEqual(jobArguments("silver", l), { "--bronze_path": "s3://b", "--silver_path": "s3://s", "--catalog_database": "db_s" });
    assert.deepEqual(jobArguments("gold", l), { "--silver_path": "s3://s", "--gold_path": "s3://g", "--catalog_database": "db_g" });
    const bronze = jobArguments("bronze", l);
    assert.deepEqual([bronze["--raw_path"], bronze["--quarantine_path"], bronze["--audit_table"], bronze["--audit_ttl_days"]], ["s3://r/fhir", "s3://q", "t", "90"]);
  });
});

describe("job assets", () => {
  it("ship the lakehouse package without caches, and find each job's entrypoint", () => {
    const files = packageFiles(path.join(REPO_ROOT, "glue-jobs", "lakehouse"));
    assert.ok(files.includes("__init__.py") && files.includes("hudi_options.py"));
    assert.ok(files.every((f) => !f.includes("__pycache__") && !f.endsWith(".pyc")));
    assert.match(jobScriptPath(path.join(REPO_ROOT, "glue-jobs", "jobs"), "gold"), /gold_job\.py$/);
    assert.throws(() => packageFiles(REPO_ROOT), /not a Python package/);
  });
});

describe("Athena views", () => {
  it("parse a view file: name from the file, SQL without the create prefix, columns from the header", () => {
    const v = parseViewFile("x/kpis.sql", "-- columns: month varchar, rate decimal(10, 3)\nCREATE OR REPLACE VIEW kpis AS\nSELECT 1;\n");
    assert.deepEqual(v, { name: "kpis", sql: "SELECT 1", columns: [{ name: "month", type: "varchar" }, { name: "rate", type: "decimal(10, 3)" }], internal: false });
    assert.equal(parseViewFile("x/base.sql", "-- columns: a bigint\n-- internal: read by other views\nselect 1 as a").internal, true);
    assert.equal(hiveType("varchar"), "string");
    assert.equal(hiveType("decimal(10, 3)"), "decimal(10, 3)");
  });

  it("name the file and column when the header is missing or malformed", () => {
    assert.throws(() => readViewFiles(path.join(__dirname, "fixtures", "bad-views")), /no_header\.sql: missing header comment '-- columns:/);
    assert.throws(() => parseColumnsHeader("v.sql", "-- columns: month varchar, Rate"), /v\.sql: column 2 of the '-- columns:' header/);
  });

  it("encode the Presto view text Athena reads, and decode it back", () => {
    const text = prestoViewOriginalText({ name: "v", sql: "select 1 as x", columns: [{ name: "x", type: "integer" }], internal: false }, "db");
    assert.match(text, /^\/\* Presto View: [A-Za-z0-9+/=]+ \*\/$/);
    assert.deepEqual(decodePrestoView(text), { originalSql: "select 1 as x", catalog: "awsdatacatalog", schema: "db", columns: [{ name: "x", type: "integer" }] });
  });

  it("every published view in athena/views/ parses, with its declared columns", () => {
    const views = readViewFiles(path.join(REPO_ROOT, "athena", "views"));
    assert.ok(views.length > 0);
    for (const v of views) {
      assert.ok(v.columns.length > 0 && /\bselect\b/i.test(v.sql), v.name);
      assert.ok(!/^\s*create\b/i.test(v.sql), `${v.name}: the view body must be the SELECT only`);
    }
  });

  it("no views folder yet means no views", () => {
    assert.deepEqual(readViewFiles(path.join(__dirname, "does-not-exist")), []);
  });
});

describe("alerts and QuickSight helpers", () => {
  it("the alert pattern needs job names, and the message template carries no event message text", () => {
    assert.throws(() => glueJobAlertPattern([]), /at least one job name/);
    const t = glueAlertTransformer("fhirlake-dev");
    assert.ok(!Object.values(t.inputPaths).some((p) => p.includes("message")));
    assert.match(t.inputTemplate, /^"\[fhirlake-dev\] Glue job <job> is <state>/);
  });

  it("builds QuickSight principal ARNs from the caller's account and rejects malformed principals", () => {
    assert.equal(quicksightPrincipalArn("group/default/analysts", "111122223333", "eu-west-1"), "arn:aws:quicksight:eu-west-1:111122223333:group/default/analysts");
    assert.throws(() => quicksightPrincipalArn("analysts", "111122223333", "eu-west-1"), /quicksightPrincipals: 'analysts'/);
    assert.deepEqual(["bigint", "double", "timestamp(3)", "varchar", "boolean"].map(quicksightColumnType), ["INTEGER", "DECIMAL", "DATETIME", "STRING", "BOOLEAN"]);
  });
});
