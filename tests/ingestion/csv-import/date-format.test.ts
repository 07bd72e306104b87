import { strict as assert } from "assert";
import { compileDateFormat, dateTimeText } from "../../../ingestion/csv-import/date-format";

const text = (format: string, cell: string, offset = "Z"): string | undefined => {
  const p = compileDateFormat(format)(cell);
  return p && dateTimeText(p, offset);
};

describe("import-csv date formats", () => {
  it("reads day-first, one-digit and millisecond formats into FHIR dateTime text with the register's offset", () => {
    assert.equal(text("DD/MM/YYYY HH:mm", "05/03/2024 10:07", "+03:00"), "2024-03-05T10:07:00+03:00");
    assert.equal(text("D.M.YYYY", "5.3.2024"), "2024-03-05");
    assert.equal(text("YYYY-MM-DD HH:mm:ss.SSS", "2024-03-05 10:07:09.120"), "2024-03-05T10:07:09.120Z");
    assert.equal(text("MM/DD/YYYY", "12/31/2023"), "2023-12-31");
  });

  it("reads ISO text in UTC or without an offset, and refuses another offset", () => {
    assert.equal(text("ISO", "2024-03-05T10:07:09Z"), "2024-03-05T10:07:09Z");
    assert.equal(text("ISO", "2024-03-05"), "2024-03-05");
    assert.equal(text("ISO", "2024-03-05T10:07:09+02:00"), undefined);
  });

  it("refuses text that does not match, or names no real day or time", () => {
    for (const [f, cell] of [
      ["DD/MM/YYYY", "31/02/2024"],
      ["DD/MM/YYYY", "2024-02-01"],
      ["DD/MM/YYYY HH:mm", "01/02/2024 25:00"],
      ["DD/MM/YYYY", "1/2/2024"],
    ])
      assert.equal(text(f, cell), undefined, `${f} ${cell}`);
  });

  it("refuses formats with unknown tokens, no year, repeated parts or minutes without hours", () => {
    assert.throws(() => compileDateFormat("DD/MM/YY"), /unknown token/);
    assert.throws(() => compileDateFormat("DD/MM"), /needs a year, a month and a day/);
    assert.throws(() => compileDateFormat("DD/MM/YYYY DD"), /repeats a part/);
    assert.throws(() => compileDateFormat("DD/MM/YYYY mm"), /minutes without hours/);
  });
});
