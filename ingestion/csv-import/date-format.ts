/**
 * Register date formats: `YYYY`, `MM`/`M`, `DD`/`D`, `HH`/`H`, `mm`, `ss`, `SSS` (milliseconds) and the
 * separators `- / . : T` and space (e.g. `DD/MM/YYYY`, `YYYY-MM-DD HH:mm`), or `ISO` for FHIR date/dateTime
 * text as it is (in UTC, or with no offset).
 */
import { isRealDate } from "../validate/checks";

/** The parts of a register date; `time` is false when the format has no hours. */
export interface DateParts {
  readonly y: number;
  readonly mo: number;
  readonly d: number;
  readonly h: number;
  readonly mi: number;
  readonly s: number;
  readonly ms: number;
  readonly time: boolean;
}

/** A compiled format: text to parts, or undefined when the text does not match or names no real day. */
export type DateParser = (text: string) => DateParts | undefined;

const TOKENS: Record<string, [string, keyof DateParts]> = {
  YYYY: ["(\\d{4})", "y"],
  MM: ["(\\d{2})", "mo"],
  M: ["(\\d{1,2})", "mo"],
  DD: ["(\\d{2})", "d"],
  D: ["(\\d{1,2})", "d"],
  HH: ["(\\d{2})", "h"],
  H: ["(\\d{1,2})", "h"],
  mm: ["(\\d{2})", "mi"],
  ss: ["(\\d{2})", "s"],
  SSS: ["(\\d{3})", "ms"],
};
const TOKEN = /YYYY|MM|M|DD|D|HH|H|mm|ss|SSS|[-/.: T]/g;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

function real(p: DateParts): DateParts | undefined {
  const text = `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}Z`;
  return isRealDate(text) ? p : undefined;
}

/** Compiles a format; throws an Error saying what is wrong (the mapping loader adds file and JSON path). */
export function compileDateFormat(format: string): DateParser {
  if (format === "ISO") {
    return (text) => {
      const m = ISO.exec(text);
      if (!m || !isRealDate(text)) return undefined;
      const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0));
      const ms = Number((m[7] ?? "").slice(1, 4).padEnd(3, "0"));
      return m[8] === undefined || m[8] === "Z"
        ? real({ y, mo, d, h, mi, s, ms, time: m[4] !== undefined })
        : undefined;
    };
  }
  const parts = format.match(TOKEN) ?? [];
  if (parts.join("") !== format) throw new Error(`unknown token in date format (use YYYY MM DD HH mm ss, or ISO)`);
  const keys = parts.filter((t) => t in TOKENS).map((t) => TOKENS[t][1]);
  for (const need of ["y", "mo", "d"] as const)
    if (!keys.includes(need)) throw new Error(`date format needs a year, a month and a day (YYYY, MM, DD)`);
  if (new Set(keys).size !== keys.length) throw new Error(`date format repeats a part`);
  if (keys.includes("mi") && !keys.includes("h")) throw new Error(`date format has minutes without hours`);
  const re = new RegExp(`^${parts.map((t) => (t in TOKENS ? TOKENS[t][0] : `\\${t}`)).join("")}$`);
  const time = keys.includes("h");
  return (text) => {
    const m = re.exec(text);
    if (!m) return undefined;
    const p: Record<string, number> = { h: 0, mi: 0, s: 0, ms: 0 };
    keys.forEach((k, i) => (p[k] = Number(m[i + 1])));
    return real({ y: p.y, mo: p.mo, d: p.d, h: p.h, mi: p.mi, s: p.s, ms: p.ms, time });
  };
}

/** FHIR date text of the parts (`YYYY-MM-DD`). */
export function dateText(p: DateParts): string {
  return `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}`;
}

/** FHIR dateTime text: the day alone when the register had no time, else with seconds and the register's offset. */
export function dateTimeText(p: DateParts, utcOffset: string): string {
  if (!p.time) return dateText(p);
  const ms = p.ms === 0 ? "" : `.${pad(p.ms, 3)}`;
  return `${dateText(p)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}${ms}${utcOffset}`;
}

/** The parts of a spreadsheet date cell (exceljs gives the wall-clock time as if it were UTC). */
export function partsOfCellDate(cell: Date): DateParts {
  // A date is stored as a fraction of days: round to the millisecond the register meant.
  const d = new Date(Math.round(cell.getTime()));
  const time = d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() + d.getUTCMilliseconds() > 0;
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    time,
  };
}
