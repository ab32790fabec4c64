/**
 * The page's charts, drawn by uPlot (bundled, no CDN). Each chart is a picture of a table that
 * the page also shows: the chart is hidden from assistive technology as an image with a
 * summary, and the table beside it is its text alternative.
 */
import uPlot from "uplot";

/** Series colours: at least 3:1 against white (WCAG 1.4.11), told apart by dash too. */
export const SERIES = [
  { stroke: "#1d70b8", dash: [] as number[] },
  { stroke: "#d4351c", dash: [8, 4] },
  { stroke: "#00703c", dash: [2, 3] },
  { stroke: "#4c2c92", dash: [12, 3, 2, 3] },
];
const AXIS = { stroke: "#0b0c0c", grid: { stroke: "#dddddd", width: 1 }, ticks: { show: false } };
const HEIGHT = 220;

/** Charts drawn on the page, resized with their containers. */
const charts = new Map<HTMLElement, uPlot>();
const observer = new ResizeObserver((entries) => {
  for (const e of entries) {
    const chart = charts.get(e.target as HTMLElement);
    const width = Math.floor(e.contentRect.width);
    if (chart && width > 0 && width !== chart.width) chart.setSize({ width, height: HEIGHT });
  }
});

/** Removes the charts of an element about to be replaced. */
export function destroyCharts(): void {
  for (const [el, chart] of charts) {
    observer.unobserve(el);
    chart.destroy();
  }
  charts.clear();
}

function mount(
  el: HTMLElement,
  opts: Omit<uPlot.Options, "width" | "height">,
  data: uPlot.AlignedData,
) {
  const width = Math.max(280, Math.floor(el.getBoundingClientRect().width) || 600);
  const chart = new uPlot({ ...opts, width, height: HEIGHT }, data, el);
  charts.set(el, chart);
  observer.observe(el);
}

/** Integers only on a count axis. */
const countSplits = (_u: uPlot, _axis: number, min: number, max: number) => {
  const step = Math.max(1, Math.ceil((max - min) / 5));
  const out: number[] = [];
  for (let v = Math.ceil(min); v <= max; v += step) out.push(v);
  return out;
};
const countAxis = {
  ...AXIS,
  splits: countSplits,
  values: (_u: uPlot, v: number[]) => v.map(String),
};
const countScale = (max: number): uPlot.Scale => ({ range: () => [0, Math.max(1, max) * 1.1] });

/** Categories along x at 0..n-1, each labelled. */
const categoryAxis = (labels: readonly string[]): uPlot.Axis => ({
  ...AXIS,
  grid: { show: false },
  splits: () => labels.map((_, i) => i),
  values: (_u, splits) => splits.map((i) => labels[i] ?? ""),
});
const categoryScale = (n: number): uPlot.Scale => ({
  time: false,
  range: () => [-0.5, n - 0.5],
});

/** Lines of counts over categories (months), one series each. */
export function lineChart(
  el: HTMLElement,
  labels: readonly string[],
  series: readonly { label: string; values: readonly number[] }[],
): void {
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  mount(
    el,
    {
      scales: { x: categoryScale(labels.length), y: countScale(max) },
      axes: [categoryAxis(labels), countAxis],
      cursor: { drag: { x: false, y: false } },
      // The table below gives every value: the legend only names the lines.
      legend: { live: false },
      series: [
        { label: "Month", value: (_u, i) => (i === null ? "" : (labels[i] ?? "")) },
        ...series.map((s, i) => {
          const style = SERIES[i % SERIES.length]!;
          return {
            label: s.label,
            stroke: style.stroke,
            dash: style.dash,
            width: 2,
            points: { show: true, size: 6, fill: style.stroke },
          };
        }),
      ],
    },
    [labels.map((_, i) => i), ...series.map((s) => [...s.values])],
  );
}

/** One bar per category. */
export function barChart(
  el: HTMLElement,
  labels: readonly string[],
  values: readonly number[],
  seriesLabel: string,
): void {
  const bars = uPlot.paths.bars?.({ size: [0.6, 80] });
  mount(
    el,
    {
      scales: { x: categoryScale(labels.length), y: countScale(Math.max(0, ...values)) },
      axes: [categoryAxis(labels), countAxis],
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      legend: { show: false },
      series: [
        {},
        { label: seriesLabel, stroke: "#1d70b8", fill: "#1d70b8", width: 0, paths: bars },
      ],
    },
    [labels.map((_, i) => i), [...values]],
  );
}
