/**
 * One run of a sweep: the base scenario with the run's parameters and seed, simulated on this
 * thread, its network series and record written to tmp/ and committed into runs/ (store.ts).
 * A run that fails (its variant does not compile, or the simulation throws) is recorded as failed
 * with its error; the sweep goes on.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { runScenario } from "../engine/run.js";
import { withOverrides } from "../scenario/override.js";
import { formatIssue, ScenarioError } from "../scenario/issues.js";
import { findColumn, type Table } from "../table.js";
import { writeTable } from "../runs/write.js";
import type { SweepPlan, SweepRun } from "./expand.js";
import { commitRun, runDirName, sha256, type RunRecord } from "./store.js";

/** Mean over the recorded rows after the first (finite values only) and the last value. */
export function summarise(t: Table, columns: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of columns) {
    const d = findColumn(t, name)?.data as Float64Array | undefined;
    let s = 0;
    let k = 0;
    if (d) for (let i = 1; i < t.rows; i++) if (Number.isFinite(d[i]!)) (s += d[i]!), k++;
    out[`${name}_mean`] = k > 0 ? s / k : NaN;
    out[`${name}_last`] = d && t.rows > 0 ? d[t.rows - 1]! : NaN;
  }
  return out;
}

function errorText(e: unknown): string {
  if (e instanceof ScenarioError) return e.issues.map(formatIssue).join("; ");
  return e instanceof Error ? e.message : String(e);
}

/** Run `run` of `plan` and commit its folder into the store at `dir`. Never throws for a failing run. */
export function executeRun(plan: SweepPlan, run: SweepRun, dir: string): RunRecord {
  const tmp = join(dir, "tmp", `${runDirName(run.index, run.id)}-${process.pid}-${threadId}`);
  mkdirSync(tmp, { recursive: true });
  const record: RunRecord = { index: run.index, id: run.id, seed: run.seed, params: run.params, status: "ok", metrics: {} };
  try {
    const o = withOverrides(plan.base, { ...run.params, seed: run.seed }, "sweep");
    if (o.ok === false) throw new ScenarioError(o.issues);
    const r = runScenario(o.value, { threads: 1 });
    record.metrics = summarise(r.tables.network, plan.summary_columns);
    const files = writeTable(tmp, r.tables.network, ["parquet"]);
    record.files = { "network.parquet": sha256(files["network.parquet"]!) };
  } catch (e) {
    record.status = "failed";
    record.error = errorText(e);
  }
  writeFileSync(join(tmp, "run.json"), JSON.stringify(record, null, 2) + "\n");
  commitRun(dir, tmp, run.index, run.id);
  return record;
}
