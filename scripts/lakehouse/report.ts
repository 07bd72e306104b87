import * as fs from "fs";
import * as path from "path";

type Row = Record<string, string | number | boolean | null>;

const MONTH_COLUMNS = [
  "month",
  "encounters",
  "infection_rate",
  "inpatient_discharges",
  "mortality_rate",
  "readmission_rate_30d",
  "avg_length_of_stay_days",
];

function fmt(value: Row[string] | undefined): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "number" && !Number.isInteger(value)) return value.toFixed(3);
  return String(value);
}

/** A plain text table: one header line, then aligned rows. */
export function table(rows: Row[], columns: string[]): string {
  const cells = [columns, ...rows.map((r) => columns.map((c) => fmt(r[c])))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  return cells.map((line) => line.map((cell, i) => cell.padStart(widths[i])).join("  ")).join("\n");
}

/** Prints stage timings and counts (run-summary.json) and the KPI table of the published views. */
export function printReport(out: string, seconds: Record<string, number>): void {
  const summary = JSON.parse(fs.readFileSync(path.join(out, "run-summary.json"), "utf8"));
  const views = JSON.parse(fs.readFileSync(path.join(out, "export", "views.json"), "utf8")) as Record<string, Row[]>;
  const b = summary.bronze;
  console.log("\n== Lakehouse run");
  console.log(
    table(
      [
        ...Object.entries(seconds).map(([stage, s]) => ({ stage, seconds: s })),
        ...["bronze", "silver", "gold", "publish"].map((stage) => ({
          stage: `  ${stage}`,
          seconds: summary[stage].seconds,
        })),
      ],
      ["stage", "seconds"],
    ),
  );
  console.log(
    `\nbronze: ${b.files_ingested} files ingested (${b.files_skipped} skipped` +
      (b.entries_not_read ? `; ${b.entries_not_read} entries not regular files, left out` : "") +
      `); records read ` +
      `${b.records_read} = written ${b.records_written} + quarantined ${b.records_quarantined}`,
  );
  const s = summary.silver;
  const written = Object.entries(s.rows_by_table as Record<string, number>).map(([t, n]) => `${t} ${n}`);
  console.log(
    `silver: ${s.resources_changed} resources changed; rows written: ${written.join(", ") || "none"}` +
      ` (${s.tables_up_to_date} tables already up to date)`,
  );
  const g = summary.gold;
  const mode = g.full_refresh ? "recomputed in full" : `${g.patients_recomputed} patients recomputed`;
  console.log(
    `gold: ${mode}; kpi_monthly ${g.kpi_rows} rows written, ${g.kpi_deleted} deleted; ` +
      `condition_prevalence ${g.prevalence_rows} written, ${g.prevalence_deleted} deleted`,
  );
  const months = views.kpi_by_month ?? [];
  console.log(`\n== KPIs by month (published, small cells suppressed; last 12 of ${months.length} months)`);
  console.log(table(months.slice(-12), MONTH_COLUMNS));
  console.log(`\nexports: ${path.join(out, "export")}\ndashboard: ${path.join(out, "dashboard.html")}`);
}
