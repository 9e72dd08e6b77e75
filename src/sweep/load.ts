/**
 * Reading a sweep store back (notebooks, reports): the summary as a danfojs DataFrame, the run
 * records, and the runs' network series (long format: one row per run per recording point, with
 * the run's index, seed and parameters) read from their Parquet files.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { danfo, type DataFrame } from "../io/frame.js";
import { readTable } from "../runs/load.js";
import { finishedRuns, paramCell, readManifest, runDirName, summaryColumns, type RunRecord, type SweepManifest } from "./store.js";

export interface SweepData {
  dir: string;
  manifest: SweepManifest;
  /** Finished runs in run order. */
  runs: RunRecord[];
  /** One row per finished run: run_index, run_id, seed, parameters, status, metrics, error. */
  summary: DataFrame;
  /** Network series of the given runs (default: every ok run), long format. */
  series(runIndices?: readonly number[]): Promise<DataFrame>;
}

export { readParquetRows } from "../runs/load.js";

/** The network series of one run of the store, as columns (name → values). */
export async function readRunSeries(dir: string, rec: RunRecord): Promise<Record<string, (number | string)[]>> {
  const t = await readTable(join(dir, "runs", runDirName(rec.index, rec.id), "network.parquet"), "network");
  const cols: Record<string, (number | string)[]> = {};
  if (t.rows > 0) for (const c of t.columns) cols[c.def.name] = Array.from<number | string>(c.data);
  return cols;
}

export function loadSweep(dir: string): SweepData {
  const manifest = readManifest(dir);
  if (!manifest || !existsSync(join(dir, "runs"))) throw new Error(`${dir}: not a sweep store (no manifest.json of kind taosim-sweep)`);
  const runs = [...finishedRuns(dir).values()].sort((a, b) => a.index - b.index);
  const { params, metrics } = summaryColumns(manifest);
  const data: Record<string, (number | string)[]> = { run_index: [], run_id: [], seed: [] };
  for (const p of params) data[p] = [];
  data.status = [];
  for (const m of metrics) data[m] = [];
  data.error = [];
  for (const r of runs) {
    data.run_index!.push(r.index);
    data.run_id!.push(r.id);
    data.seed!.push(r.seed);
    for (const p of params) data[p]!.push(paramCell(r.params[p]));
    data.status!.push(r.status);
    for (const m of metrics) data[m]!.push(r.metrics[m] ?? NaN);
    data.error!.push(r.error ?? "");
  }
  const D = danfo();
  return {
    dir,
    manifest,
    runs,
    summary: new D.DataFrame(data),
    async series(runIndices) {
      const pick = runIndices ? runs.filter((r) => runIndices.includes(r.index)) : runs.filter((r) => r.status === "ok");
      const out: Record<string, (number | string)[]> = {};
      for (const r of pick) {
        const cols = await readRunSeries(dir, r);
        const n = cols[Object.keys(cols)[0] ?? ""]?.length ?? 0;
        const add = (name: string, v: number | string) => (out[name] ??= []).push(...new Array<number | string>(n).fill(v));
        add("run_index", r.index);
        add("seed", r.seed);
        for (const p of params) add(p, paramCell(r.params[p]));
        for (const [name, values] of Object.entries(cols)) (out[name] ??= []).push(...values);
      }
      return new D.DataFrame(out);
    },
  };
}
