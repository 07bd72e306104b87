import { strict as assert } from "assert";
import { athenaCostUsd, describeScan } from "../../ops/query/cost";
import { formatResult } from "../../ops/query/format";
import { QueryResult, typedCell } from "../../ops/query/result";

const RESULT: QueryResult = {
  columns: [
    { name: "region", type: "varchar" },
    { name: "n", type: "bigint" },
    { name: "rate", type: "double" },
  ],
  rows: [
    ["GH/Greater Accra", 650, 0.233139524420651],
    ['say "hi", then', 3, null],
  ],
};

describe("npm run query output", () => {
  it("table: names, a rule, text left and numbers right, fractions to 4 decimals, nulls as a dash", () => {
    assert.equal(
      formatResult(RESULT, "table"),
      [
        "region              n    rate",
        "----------------  ---  ------",
        "GH/Greater Accra  650  0.2331",
        'say "hi", then      3       –',
        "(2 rows)",
      ].join("\n"),
    );
  });

  it("csv: RFC 4180 quoting, null empty, full precision", () => {
    assert.equal(
      formatResult(RESULT, "csv"),
      'region,n,rate\nGH/Greater Accra,650,0.233139524420651\n"say ""hi"", then",3,',
    );
  });

  it("json: an array of row objects with typed values", () => {
    assert.deepEqual(JSON.parse(formatResult(RESULT, "json")), [
      { region: "GH/Greater Accra", n: 650, rate: 0.233139524420651 },
      { region: 'say "hi", then', n: 3, rate: null },
    ]);
  });

  it("types Athena's text cells, keeping integers beyond 2^53 and decimals exact as text", () => {
    assert.deepEqual(
      [
        typedCell("bigint", "12"),
        typedCell("bigint", "9007199254740993"),
        typedCell("double", "1.0E-4"),
        typedCell("boolean", "false"),
        typedCell("decimal", "0.10"),
        typedCell("varchar", undefined),
      ],
      [12, "9007199254740993", 0.0001, false, "0.10", null],
    );
  });

  it("costs USD 5 per TB scanned with Athena's 10 MB minimum per query", () => {
    const MB = 1024 * 1024;
    assert.equal(athenaCostUsd(0), athenaCostUsd(10 * MB));
    assert.equal(athenaCostUsd(1024 ** 4), 5);
    assert.equal(athenaCostUsd(10 * MB + 1), athenaCostUsd(11 * MB));
    assert.match(describeScan(0), /^0\.0 KB scanned, about USD 0\.000048$/);
  });
});
