import { strict as assert } from "assert";
import * as path from "path";
import JOB_ARGUMENTS from "../../../glue-jobs/lakehouse/data/job_arguments.json";
import { JOBS } from "../../../components/shared/names";
import { jobArguments } from "../../../components/workflow/glue-arguments";
import { glueJobPolicy } from "../../../components/workflow/glue-job-policy";
import { jobScriptPath, packageFiles } from "../../../components/workflow/job-assets";
import { identityPolicyProblems } from "../../../policy/iam-checks";
import { REPO_ROOT } from "../stack";

const grants = {
  partition: "aws",
  region: "eu-west-1",
  accountId: "111122223333",
  readBuckets: ["arn:aws:s3:::raw", "arn:aws:s3:::scripts"],
  writeBuckets: ["arn:aws:s3:::bronze"],
  tempPrefixArn: "arn:aws:s3:::scripts/temp/bronze",
  databaseName: "lake_bronze",
  auditTableArn: "arn:aws:dynamodb:eu-west-1:111122223333:table/audit",
  kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k",
};

describe("Glue job policy", () => {
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
});

describe("Glue job arguments", () => {
  const l = {
    rawBucket: "r",
    rawPrefix: "fhir/",
    bronzeBucket: "b",
    silverBucket: "s",
    goldBucket: "g",
    quarantineBucket: "q",
    auditTable: "t",
    auditTtlDays: 90,
    databases: { bronze: "db_b", silver: "db_s", gold: "db_g" },
  };
  it("pass every required argument of the jobs' contract, and nothing the contract lacks", () => {
    for (const job of JOBS) {
      const passed = Object.keys(jobArguments(job, l)).map((k) => k.slice(2));
      const spec = JOB_ARGUMENTS.jobs[job];
      assert.deepEqual(
        spec.required.filter((n) => !passed.includes(n)),
        [],
        `${job} lacks a required argument`,
      );
      assert.deepEqual(
        passed.filter((n) => !spec.required.includes(n) && !spec.optional.includes(n)),
        [],
        `${job} passes an argument its job does not parse`,
      );
    }
  });

  it("give each job its own paths and database, and every job the audit table and metrics", () => {
    assert.deepEqual(jobArguments("silver", l), {
      "--bronze_path": "s3://b",
      "--silver_path": "s3://s",
      "--catalog_database": "db_s",
      "--audit_table": "t",
      "--audit_ttl_days": "90",
      "--metrics_namespace": "FhirLakehouse",
    });
    const gold = jobArguments("gold", l);
    assert.deepEqual(
      [gold["--silver_path"], gold["--gold_path"], gold["--catalog_database"]],
      ["s3://s", "s3://g", "db_g"],
    );
    const bronze = jobArguments("bronze", l);
    assert.deepEqual(
      [bronze["--raw_path"], bronze["--quarantine_path"], bronze["--audit_table"], bronze["--audit_ttl_days"]],
      ["s3://r/fhir", "s3://q", "t", "90"],
    );
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
