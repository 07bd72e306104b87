/**
 * The browser side of the dashboard: reads the page model embedded in the page and draws the charts and tables for
 * the chosen time grain, region and prevalence year. Its source is inlined with Function.prototype.toString, so
 * the function refers to nothing outside its own body (type imports are erased). Every text goes in through
 * textContent, never as markup.
 */
import type { PageModel } from "./model";

export function pageScript(): void {
  // The few DOM and Chart.js members used here (the project compiles without the DOM library).
  interface El {
    textContent: string | null;
    className: string;
    hidden: boolean;
    value: string;
    appendChild(child: El): El;
    replaceChildren(...children: El[]): void;
    setAttribute(name: string, value: string): void;
    addEventListener(type: string, listener: () => void): void;
  }
  type Data = (number | null)[];
  interface Dataset {
    label: string;
    data: Data;
    [option: string]: unknown;
  }
  interface ChartInstance {
    data: { labels: string[]; datasets: Dataset[] };
    update(): void;
  }
  const page = globalThis as unknown as {
    document: { getElementById(id: string): El | null; createElement(tag: string): El };
    Chart: new (canvas: El, config: unknown) => ChartInstance;
  };
  const doc = page.document;
  const byId = (id: string): El => {
    const el = doc.getElementById(id);
    if (el === null) throw new Error(`dashboard: no element #${id}`);
    return el;
  };
  const model = JSON.parse(byId("page-model").textContent ?? "{}") as PageModel;
  type Cell = number | "suppressed" | null;
  type Kpi = PageModel["kpis"][number];
  /** A table cell: a measure with its format, or plain text. */
  type TableCell = { cell: Cell; decimals: number; percent: boolean } | { text: string };

  const COLOURS = ["#1f5f8b", "#b85c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f"];
  const WITHHELD = "#c05800";
  const SUPPRESSED_TEXT = "suppressed (fewer than 11)";
  const ALL = "";

  const number = (v: number, decimals: number) =>
    v.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const text = (cell: Cell, decimals: number, percent: boolean): string => {
    if (cell === "suppressed") return SUPPRESSED_TEXT;
    if (cell === null) return "no data";
    return number(cell, decimals) + (percent ? "%" : "");
  };
  const measure = (cell: Cell, decimals: number, percent: boolean): TableCell => ({ cell, decimals, percent });
  const kind = (cell: Cell) => (cell === "suppressed" ? "suppressed" : cell === null ? "none" : "value");
  const values = (cells: Cell[]): Data => cells.map((c) => (typeof c === "number" ? c : null));
  // A withheld cell is marked on the axis with a cross of its own colour, never drawn as a value.
  const marks = (cells: Cell[]): Data => cells.map((c) => (c === "suppressed" ? 0 : null));

  function element(tag: string, content?: string, className?: string): El {
    const el = doc.createElement(tag);
    if (content !== undefined) el.textContent = content;
    if (className) el.className = className;
    return el;
  }

  /** A table: caption, header row, then one row per entry (a row header and cells with their kind as class). */
  function fillTable(id: string, caption: string, headers: string[], rows: { head: string; cells: TableCell[] }[]) {
    const table = byId(id);
    const head = element("tr");
    for (const h of headers) {
      const th = element("th", h);
      th.setAttribute("scope", "col");
      head.appendChild(th);
    }
    const thead = element("thead");
    thead.appendChild(head);
    const tbody = element("tbody");
    for (const row of rows) {
      const tr = element("tr");
      const th = element("th", row.head);
      th.setAttribute("scope", "row");
      tr.appendChild(th);
      for (const c of row.cells)
        tr.appendChild(
          "text" in c
            ? element("td", c.text, "text")
            : element("td", text(c.cell, c.decimals, c.percent), kind(c.cell)),
        );
      tbody.appendChild(tr);
    }
    table.replaceChildren(element("caption", caption), thead, tbody);
  }

  function note(id: string, cells: Cell[], what: string) {
    const suppressed = cells.filter((c) => c === "suppressed").length;
    const empty = cells.filter((c) => c === null).length;
    const parts: string[] = [];
    if (suppressed > 0)
      parts.push(`${suppressed} ${what} suppressed (fewer than 11, the rule of eleven): crosses on the axis`);
    if (empty > 0) parts.push(`${empty} ${what} with no data: gaps`);
    byId(id).textContent = parts.join("; ");
  }

  function chart(id: string, type: string, unit: string, indexAxis = "x"): ChartInstance {
    const valueAxis = indexAxis === "x" ? "y" : "x";
    return new page.Chart(byId(id), {
      type,
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis,
        plugins: { legend: { display: true, position: "bottom" } },
        scales: { [valueAxis]: { beginAtZero: true, title: { display: true, text: unit } } },
      },
    });
  }

  function kpiDatasets(kpi: Kpi, cells: Cell[], type: string): Dataset[] {
    return [
      {
        label: `${kpi.label} (${kpi.unit})`,
        data: values(cells),
        type,
        spanGaps: false,
        borderColor: COLOURS[0],
        backgroundColor: COLOURS[0],
        pointRadius: 3,
      },
      {
        label: SUPPRESSED_TEXT,
        data: marks(cells),
        type: "line",
        showLine: false,
        pointStyle: "crossRot",
        pointRadius: 7,
        borderWidth: 2,
        borderColor: WITHHELD,
        backgroundColor: WITHHELD,
      },
    ];
  }

  const grainSelect = byId("grain");
  const regionSelect = byId("region");
  const prevRegion = byId("prev-region");
  const prevYear = byId("prev-year");
  grainSelect.value = model.defaultGrain;
  regionSelect.value = ALL;
  prevRegion.value = model.prevalence.defaultRegion;
  prevYear.value = model.prevalence.defaultYear;

  const timeCharts = model.kpis.map((k) => chart(`chart-${k.column}-over-time`, "line", k.unit));
  const regionCharts = model.kpis.map((k) => chart(`chart-${k.column}-by-region`, "bar", k.unit));
  const topChart = chart("chart-prevalence-top", "bar", "% of the region's patients that year", "y");
  const newCasesChart = chart("chart-prevalence-new-cases", "line", "new cases");

  function drawTime() {
    const grain = grainSelect.value as keyof PageModel["time"];
    const region = regionSelect.value;
    const series = model.time[grain];
    const where = region === ALL ? "all regions" : region;
    model.kpis.forEach((kpi, i) => {
      const cells: Cell[] = series.cells[region]?.[kpi.column] ?? series.labels.map(() => null);
      const c = timeCharts[i];
      c.data.labels = series.labels;
      c.data.datasets = kpiDatasets(kpi, cells, "line");
      c.update();
      const title = `${kpi.label} by ${grain}, ${where}`;
      byId(`caption-${kpi.column}-over-time`).textContent = title;
      note(`note-${kpi.column}-over-time`, cells, `${grain}(s)`);
      fillTable(
        `table-${kpi.column}-over-time`,
        title,
        [grain, `${kpi.label} (${kpi.unit})`],
        series.labels.map((label, j) => ({ head: label, cells: [measure(cells[j], kpi.decimals, kpi.percent)] })),
      );
    });
    drawFacilities(region);
  }

  function drawRegions() {
    model.kpis.forEach((kpi, i) => {
      const cells = model.byRegion.cells[kpi.column];
      const c = regionCharts[i];
      c.data.labels = model.byRegion.labels;
      c.data.datasets = kpiDatasets(kpi, cells, "bar");
      c.update();
      note(`note-${kpi.column}-by-region`, cells, "region(s)");
      fillTable(
        `table-${kpi.column}-by-region`,
        `${kpi.label} by region, all periods`,
        ["region", `${kpi.label} (${kpi.unit})`],
        model.byRegion.labels.map((label, j) => ({
          head: label,
          cells: [measure(cells[j], kpi.decimals, kpi.percent)],
        })),
      );
    });
  }

  function drawFacilities(region: string) {
    const rows = model.facilities.filter((f) => region === ALL || f.region === region);
    fillTable(
      "table-facilities",
      `Facilities, all periods, ${region === ALL ? "all regions" : region}`,
      ["facility", "region", "months", ...model.kpis.map((k) => `${k.label} (${k.unit})`)],
      rows.map((f) => ({
        head: f.facility,
        cells: [
          { text: f.region },
          { text: f.months },
          ...model.kpis.map((k) => measure(f.cells[k.column], k.decimals, k.percent)),
        ],
      })),
    );
  }

  function drawPrevalence() {
    const p = model.prevalence;
    const region = prevRegion.value;
    const year = prevYear.value;
    const rows = p.rows.filter((r) => r.region === region && r.year === year);
    const published = rows
      .filter((r) => typeof r.prevalence === "number")
      .sort((a, b) => (b.prevalence as number) - (a.prevalence as number));
    const withheld = rows.filter((r) => typeof r.prevalence !== "number");
    const top = published.slice(0, 10);
    topChart.data.labels = top.map((r) => r.condition);
    topChart.data.datasets = [
      {
        label: `prevalence, ${region}, ${year}`,
        data: top.map((r) => r.prevalence as number),
        backgroundColor: COLOURS[0],
      },
    ];
    topChart.update();
    byId("caption-prevalence-top").textContent = `Top conditions by prevalence, ${region}, ${year}`;
    byId("note-prevalence-top").textContent =
      withheld.length > 0 ? `${withheld.length} condition(s) suppressed (fewer than 11 patients, or population)` : "";
    fillTable(
      "table-prevalence",
      `Conditions, ${region}, ${year} (population ${rows[0]?.population ?? 0})`,
      ["condition", "patients", "prevalence (%)", "new cases", "incidence (%)"],
      [...published, ...withheld].map((r) => ({
        head: r.condition,
        cells: [
          measure(r.patients, 0, false),
          measure(r.prevalence, 2, true),
          measure(r.newCases, 0, false),
          measure(r.incidence, 2, true),
        ],
      })),
    );
    // New cases per year of the region's five conditions with the most published new cases.
    const inRegion = p.rows.filter((r) => r.region === region);
    const totals = new Map<string, number>();
    for (const r of inRegion)
      if (typeof r.newCases === "number") totals.set(r.condition, (totals.get(r.condition) ?? 0) + r.newCases);
    const five = [...totals.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([c]) => c);
    newCasesChart.data.labels = p.years;
    newCasesChart.data.datasets = five.map((condition, i) => ({
      label: condition,
      data: p.years.map((y) => {
        const hit = inRegion.find((r) => r.condition === condition && r.year === y);
        return hit !== undefined && typeof hit.newCases === "number" ? hit.newCases : null;
      }),
      spanGaps: false,
      borderColor: COLOURS[i % COLOURS.length],
      backgroundColor: COLOURS[i % COLOURS.length],
    }));
    newCasesChart.update();
    byId("caption-prevalence-new-cases").textContent = `New cases per year, ${region}: top five conditions`;
  }

  grainSelect.addEventListener("change", drawTime);
  regionSelect.addEventListener("change", () => {
    if (regionSelect.value !== ALL && model.prevalence.regions.includes(regionSelect.value)) {
      prevRegion.value = regionSelect.value;
      drawPrevalence();
    }
    drawTime();
  });
  prevRegion.addEventListener("change", drawPrevalence);
  prevYear.addEventListener("change", drawPrevalence);
  drawTime();
  drawRegions();
  drawPrevalence();
}
