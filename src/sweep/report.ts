/**
 * report.html of a sweep store: the sweep's summary, each summarised series over time per variant
 * (median across seeds with a 5–95 % band), and each summary metric by parameter (a line with its
 * band for one parameter, a heatmap of medians for two, one line per parameter otherwise).
 */
import { NETWORK_COLUMNS } from "../network-columns.js";
import type { Table } from "../table.js";
import { bandChart, heatmap, label, type Figure } from "../plots/figures.js";
import { reportHtml } from "../plots/report.js";
import { canonicalJson } from "../scenario/compile.js";
import { loadSweep, readRunSeries } from "./load.js";
import { paramCell, type RunRecord } from "./store.js";

/** The q-quantile (linear interpolation) of finite values; NaN when none. */
export function quantile(values: readonly number[], q: number): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo]! + (v[hi]! - v[lo]!) * (pos - lo);
}

const MAX_SERIES_CHARTS = 6;
const MAX_VARIANTS_PER_CHART = 8;

function variantKey(r: RunRecord, paths: readonly string[]): string {
  return canonicalJson(paths.map((p) => r.params[p]));
}

function variantName(r: RunRecord, paths: readonly string[]): string {
  if (paths.length === 0) return "all runs";
  return paths.map((p) => `${p.split(".").pop()} = ${paramCell(r.params[p])}`).join(", ");
}

/** The HTML report of the sweep store at `dir`. */
export async function sweepReportHtml(dir: string): Promise<string> {
  const s = loadSweep(dir);
  const m = s.manifest;
  const paths = m.paths;
  const ok = s.runs.filter((r) => r.status === "ok");
  const figures: Figure[] = [];

  // Variants (parameter combinations) in run order.
  const variants = new Map<string, RunRecord[]>();
  for (const r of ok) {
    const k = variantKey(r, paths);
    if (!variants.has(k)) variants.set(k, []);
    variants.get(k)!.push(r);
  }
  const shown = [...variants.values()].slice(0, MAX_VARIANTS_PER_CHART);

  // Series over time: median and 5–95 % across seeds, per variant.
  const columns = m.summary_columns.filter((c) => NETWORK_COLUMNS.some((d) => d.name === c)).slice(0, MAX_SERIES_CHARTS);
  const series = new Map<number, Record<string, (number | string)[]>>();
  for (const runs of shown) for (const r of runs) series.set(r.index, await readRunSeries(dir, r));
  for (const c of columns) {
    const bands = shown.map((runs) => {
      const cols = runs.map((r) => series.get(r.index)!);
      const x = cols[0]!.date ?? [];
      const at = (q: number) => x.map((_, i) => quantile(cols.map((k) => Number(k[c]?.[i])), q));
      return { name: variantName(runs[0]!, paths), x, median: at(0.5), low: at(0.05), high: at(0.95) };
    });
    if (bands.every((b) => b.median.every((v) => !Number.isFinite(v)))) continue;
    figures.push(bandChart({ title: `${label(c)}: median and 5–95 % across seeds`, xTitle: "Date", yTitle: label(c), series: bands, fromZero: false }));
  }

  // Summary metrics by parameter: a heatmap of medians for two parameters, else one chart per
  // parameter (median and band over everything else).
  const values = (p: string) => [...new Map(ok.map((r) => [canonicalJson(r.params[p]), r.params[p]])).values()];
  const same = (r: RunRecord, p: string, v: unknown) => canonicalJson(r.params[p]) === canonicalJson(v);
  for (const c of columns) {
    const metric = `${c}_mean`;
    const of = (pred: (r: RunRecord) => boolean) => ok.filter(pred).map((r) => r.metrics[metric] ?? NaN);
    if (paths.length === 2) {
      const [px, py] = paths as [string, string];
      const xs = values(px);
      const ys = values(py);
      const z = ys.map((y) => xs.map((x) => quantile(of((r) => same(r, px, x) && same(r, py, y)), 0.5)));
      figures.push(heatmap({ title: `${label(c)} (mean over the run, median across seeds)`, xTitle: px, yTitle: py, x: xs.map(paramCell), y: ys.map(paramCell), z, zTitle: label(c) }));
      continue;
    }
    for (const p of paths) {
      const xs = values(p);
      const ys = xs.map((x) => of((r) => same(r, p, x)));
      const over = paths.length === 1 ? "seeds" : "seeds and the other parameters";
      figures.push(bandChart({ title: `${label(c)} (mean over the run) by ${p}: median and 5–95 % over ${over}`, xTitle: p, yTitle: label(c), fromZero: false, series: [{ name: "median", x: xs.map(paramCell), median: ys.map((y) => quantile(y, 0.5)), low: ys.map((y) => quantile(y, 0.05)), high: ys.map((y) => quantile(y, 0.95)) }] }));
    }
  }

  const failed = s.runs.filter((r) => r.status === "failed");
  const summary: [string, string][] = [
    ["sweep", m.sweep_id],
    ["file", m.file],
    ["runs", `${s.runs.length} of ${m.runs_total} finished, ${failed.length} failed`],
    ...paths.map((p): [string, string] => [p, values(p).map((v) => String(paramCell(v))).join(", ")]),
    ["seeds", m.seeds.join(", ")],
    ["variants shown", `${shown.length} of ${variants.size}${variants.size > shown.length ? " (the first in run order)" : ""}`],
    ...failed.slice(0, 5).map((r): [string, string] => [`failed run ${r.index}`, r.error ?? ""]),
  ];
  const empty: Table = { name: "network", rows: 0, columns: [] };
  return reportHtml({ title: `taosim sweep: ${m.name}`, summary, network: empty, figures });
}
