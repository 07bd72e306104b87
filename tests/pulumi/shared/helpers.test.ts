import { strict as assert } from "assert";
import * as path from "path";
import { glueAlertTransformer, glueJobAlertPattern } from "../../../components/shared/alert-events";
import {
  decodePrestoView,
  hiveType,
  parseColumnsHeader,
  parseViewFile,
  prestoViewOriginalText,
  readViewFiles,
} from "../../../components/shared/athena-views";
import { glueDatabaseName, resourceName, s3Uri } from "../../../components/shared/names";
import { identityPolicyProblems } from "../../../policy/iam-checks";
import { REPO_ROOT } from "../stack";

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

describe("Athena views", () => {
  it("parse a view file: name from the file, SQL without the create prefix, columns from the header", () => {
    const v = parseViewFile(
      "x/kpis.sql",
      "-- columns: month varchar, rate decimal(10, 3)\nCREATE OR REPLACE VIEW kpis AS\nSELECT 1;\n",
    );
    assert.deepEqual(v, {
      name: "kpis",
      sql: "SELECT 1",
      columns: [
        { name: "month", type: "varchar" },
        { name: "rate", type: "decimal(10, 3)" },
      ],
      internal: false,
    });
    assert.equal(
      parseViewFile("x/base.sql", "-- columns: a bigint\n-- internal: read by other views\nselect 1 as a").internal,
      true,
    );
    assert.equal(hiveType("varchar"), "string");
    assert.equal(hiveType("decimal(10, 3)"), "decimal(10, 3)");
  });

  it("name the file and column when the header is missing or malformed", () => {
    assert.throws(
      () => readViewFiles(path.join(__dirname, "..", "fixtures", "bad-views")),
      /no_header\.sql: missing header comment '-- columns:/,
    );
    assert.throws(
      () => parseColumnsHeader("v.sql", "-- columns: month varchar, Rate"),
      /v\.sql: column 2 of the '-- columns:' header/,
    );
  });

  it("encode the Presto view text Athena reads, and decode it back", () => {
    const text = prestoViewOriginalText(
      { name: "v", sql: "select 1 as x", columns: [{ name: "x", type: "integer" }], internal: false },
      "db",
    );
    assert.match(text, /^\/\* Presto View: [A-Za-z0-9+/=]+ \*\/$/);
    assert.deepEqual(decodePrestoView(text), {
      originalSql: "select 1 as x",
      catalog: "awsdatacatalog",
      schema: "db",
      columns: [{ name: "x", type: "integer" }],
    });
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

describe("least-privilege check", () => {
  it("the least-privilege check reports wildcard actions, actions on *, and an unconditioned PutMetricData", () => {
    const problems = identityPolicyProblems({
      Statement: [
        { Effect: "Allow", Action: "glue:*", Resource: "arn:aws:glue:::x" },
        { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] },
        { Effect: "Allow", Action: ["cloudwatch:PutMetricData"], Resource: ["*"] },
        { Effect: "Deny", Action: ["s3:*"], Resource: ["*"] },
      ],
    });
    assert.deepEqual(problems, [
      "statement 0: wildcard action 'glue:*'",
      'statement 1: s3:GetObject on Resource "*"',
      'statement 2: cloudwatch:PutMetricData on Resource "*"',
    ]);
  });
});

describe("alert events", () => {
  it("the alert pattern needs job names, and the message template carries no event message text", () => {
    assert.throws(() => glueJobAlertPattern([]), /at least one job name/);
    const t = glueAlertTransformer("fhirlake-dev");
    assert.ok(!Object.values(t.inputPaths).some((p) => p.includes("message")));
    assert.match(t.inputTemplate, /^"\[fhirlake-dev\] Glue job <job> is <state>/);
  });
});
