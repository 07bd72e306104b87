import { Cell } from "./values";

/** One row of a register table: its number as the user sees it (the header is row 1) and its cells. */
export interface RegisterRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

/** A register table read row by row, the header row first; stopping early closes the file. */
export type RowSource = AsyncIterable<RegisterRow>;

/** Thrown when a file cannot be read as a table at all (not CSV, not a workbook, no such sheet). */
export class RegisterFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "RegisterFileError";
  }
}
