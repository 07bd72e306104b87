/** A Chart.js configuration (plain JSON, no functions) and an accessible data table for one KPI series. */
import { escapeHtml } from "./html";
import { Kpi, Series, pointText } from "./kpis";

/** One chart on the page: the canvas id and its Chart.js configuration. */
export interface ChartSpec {
  readonly canvasId: string;
  readonly config: Record<string, unknown>;
}

const COLOUR = "#1f5f8b";

/** Chart.js settings for a KPI series: a line over months or bars per region; suppressed and empty points are gaps. */
export function chartSpec(canvasId: string, kpi: Kpi, series: Series, type: "line" | "bar"): ChartSpec {
  // null makes Chart.js leave a gap (spanGaps false), so a withheld value is never drawn as 0 or interpolated.
  const data = series.points.map((p) => (p.kind === "value" ? p.value : null));
  return {
    canvasId,
    config: {
      type,
      data: {
        labels: series.labels,
        datasets: [
          {
            label: `${kpi.label} (${kpi.unit})`,
            data,
            spanGaps: false,
            borderColor: COLOUR,
            backgroundColor: COLOUR,
            pointRadius: 3,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, title: { display: true, text: kpi.unit } } },
      },
    },
  };
}

/** Counts of suppressed and empty points, for the note under a chart. */
export function gapNote(series: Series, what: string): string {
  const suppressed = series.points.filter((p) => p.kind === "suppressed").length;
  const empty = series.points.filter((p) => p.kind === "none").length;
  const notes: string[] = [];
  if (suppressed > 0)
    notes.push(`${suppressed} ${what} suppressed (denominator 1 to 10, the rule of eleven): shown as gaps`);
  if (empty > 0) notes.push(`${empty} ${what} with no data (denominator 0): shown as gaps`);
  return notes.join("; ");
}

/** The chart's data as an HTML table (a caption, a header row, one row per label), every value escaped. */
export function dataTable(caption: string, labelHeader: string, kpi: Kpi, series: Series): string {
  const rows = series.labels.map((label, i) => {
    const point = series.points[i];
    return (
      `<tr class="${point.kind}"><th ` +
      `scope="row">${escapeHtml(label)}</th><td>${escapeHtml(pointText(kpi, point))}</td></tr>`
    );
  });
  return [
    `<table>`,
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr><th scope="col">${escapeHtml(labelHeader)}</th><th ` +
      `scope="col">${escapeHtml(`${kpi.label} (${kpi.unit})`)}</th></tr></thead>`,
    `<tbody>${rows.join("")}</tbody>`,
    `</table>`,
  ].join("\n");
}
