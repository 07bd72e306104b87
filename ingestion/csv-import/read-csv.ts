/** Reads a CSV register row by row (csv-parse, streaming): memory stays flat whatever the file's size. */
import * as fs from "fs";
import * as path from "path";
import { CsvError, parse } from "csv-parse";
import { RegisterFileError, RegisterRow } from "./register-row";

/**
 * The rows of a CSV file (UTF-8, a byte-order mark allowed, blank lines skipped); a row's number is the line it
 * ends on. Rows may have any number of cells (the importer rejects those that do not match the header).
 * A file that is not CSV (an unclosed quote, ...) fails with its line and csv-parse's code, never a cell's text.
 */
export async function* readCsvRows(file: string, delimiter = ","): AsyncGenerator<RegisterRow> {
  const input = fs.createReadStream(file);
  const parser = input.pipe(
    parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { row: r.info.lines, cells: r.record };
  } catch (err) {
    if (err instanceof CsvError)
      throw new RegisterFileError(path.basename(file), `not valid CSV at line ${err.lines ?? "?"} (${err.code})`);
    throw new RegisterFileError(path.basename(file), `cannot read: ${(err as NodeJS.ErrnoException).code ?? err}`);
  } finally {
    input.destroy();
    parser.destroy();
  }
}
