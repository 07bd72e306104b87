/** Reads one sheet of an XLSX workbook row by row (exceljs's streaming WorkbookReader): memory stays flat. */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { Cell } from "./values";
import { RegisterFileError, RegisterRow } from "./register-row";

/** A cell's value as text, number, boolean or Date (formulas give their result, rich text its text). */
function cellOf(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "object" || v instanceof Date) return v;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("result" in v) return cellOf(v.result as ExcelJS.CellValue);
  if ("text" in v) return String(v.text);
  if ("error" in v) return String(v.error);
  return undefined;
}

/**
 * The rows of sheet `sheet` of a workbook (`*`: its first sheet), numbered as the sheet numbers them; other
 * sheets are read past.
 * Cells keep their types (a date cell is a Date); empty trailing cells are absent.
 */
export async function* readXlsxRows(file: string, sheet: string): AsyncGenerator<RegisterRow> {
  const name = path.basename(file);
  if (!fs.existsSync(file)) throw new RegisterFileError(name, "cannot read: ENOENT");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let found = false;
  try {
    for await (const ws of reader) {
      const mine = sheet === "*" || (ws as unknown as { name: string }).name === sheet;
      found ||= mine;
      for await (const row of ws) {
        if (!mine) continue;
        const values = row.values as ExcelJS.CellValue[];
        yield {
          row: row.number,
          cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellOf(values[i + 1])),
        };
      }
      if (mine) break;
    }
  } catch (err) {
    if (err instanceof RegisterFileError) throw err;
    throw new RegisterFileError(name, `not a readable XLSX workbook (${(err as Error).name})`);
  }
  if (!found) throw new RegisterFileError(name, `has no sheet '${sheet}'`);
}
