/**
 * Run a sweep's runs into its store: the runs of this shard that are not finished yet, on
 * `workers` worker threads (each run single-threaded), then rebuild the summary from the store.
 *
 * Threads exchange only run indices one way and status codes plus a Float64Array of summary
 * metrics the other; each worker plans the sweep from the file itself and writes its runs' files.
 * The main thread keeps counts, not results, so memory does not grow with the number of runs.
 */
import { rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { packageRoot } from "../paths.js";
import type { SweepPlan, SweepRun } from "./expand.js";
import { executeRun } from "./execute.js";
import { clearBroken, finishedRuns, inspectRuns, openStore, readManifest, runDirName, writeSummary, type BrokenRun } from "./store.js";

export interface Shard {
  /** 0-based shard index i of count N: runs with index ≡ i (mod N). */
  index: number;
  count: number;
}

export interface SweepProgress {
  /** Runs of this session finished (ok or failed) and failed. */
  done: number;
  failed: number;
  /** Runs this session has to do (the shard's unfinished runs). */
  todo: number;
  /** The shard's runs already finished before this session. */
  skipped: number;
}

export interface SweepOptions {
  /** Parent folder of stores (default "runs"): the store is <out>/<sweep-id>/. */
  out?: string;
  /** Worker threads (default: available parallelism); 1 runs in this thread. */
  workers?: number;
  shard?: Shard;
  /** Rerun the runs recorded as failed (default: only runs with no record). */
  retryFailed?: boolean;
  onProgress?: (p: SweepProgress) => void;
  /** Stop dispatching; runs in flight are abandoned (their temp folders are cleared next time). */
  signal?: AbortSignal;
}

export interface SweepOutcome {
  dir: string;
  /** Runs in the sweep, and in this shard. */
  total: number;
  in_shard: number;
  skipped: number;
  ran: number;
  failed: number;
  interrupted: boolean;
  /** Rows in summary.csv (finished runs of the whole sweep present in this store). */
  summary_rows: number;
  /** Failed runs recorded in the store (this session's and earlier ones). */
  failed_in_store: number;
  /** Run folders found damaged (missing or changed files, unreadable run.json), cleared and run again. */
  repaired: BrokenRun[];
}

export function parseShard(s: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index < count ? { index, count } : undefined;
}

/** Rebuild the summary of the store at `dir` for `plan` (records of other plans are ignored). */
export function rebuildSummary(dir: string, plan: Pick<SweepPlan, "runs">): { rows: number; failed: number } {
  const manifest = readManifest(dir);
  if (!manifest) throw new Error(`${dir}: no sweep manifest`);
  const want = new Set(plan.runs.map((r) => runDirName(r.index, r.id)));
  const records = [...finishedRuns(dir)].filter(([name]) => want.has(name)).map(([, r]) => r);
  return { rows: writeSummary(dir, manifest, records), failed: records.filter((r) => r.status === "failed").length };
}

export async function runSweep(file: string, plan: SweepPlan, opts: SweepOptions = {}): Promise<SweepOutcome> {
  const dir = resolve(opts.out ?? "runs", plan.sweep_id);
  openStore(dir, plan, file);
  const shard = opts.shard ?? { index: 0, count: 1 };
  const mine = plan.runs.filter((r) => r.index % shard.count === shard.index);
  // Run folders whose record or files do not check out are cleared and run again (and reported).
  const inspected = inspectRuns(dir);
  clearBroken(dir, inspected.broken);
  const done = inspected.records;
  const todo = mine.filter((r) => {
    const rec = done.get(runDirName(r.index, r.id));
    return !rec || (opts.retryFailed === true && rec.status === "failed");
  });
  const progress: SweepProgress = { done: 0, failed: 0, todo: todo.length, skipped: mine.length - todo.length };
  const finish = (status: string) => {
    progress.done++;
    if (status !== "ok") progress.failed++;
    opts.onProgress?.({ ...progress });
  };
  opts.onProgress?.({ ...progress });
  const workers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), todo.length || 1));
  let interrupted = false;
  if (workers === 1) {
    for (const run of todo) {
      if (opts.signal?.aborted) {
        interrupted = true;
        break;
      }
      finish(executeRun(plan, run, dir).status);
      // Let signal handlers and timers run between runs.
      await new Promise((r) => setImmediate(r));
    }
  } else {
    interrupted = await runOnWorkers(file, plan.sweep_id, dir, todo, workers, finish, opts.signal);
  }
  const s = rebuildSummary(dir, plan);
  if (!interrupted) rmSync(join(dir, "tmp"), { recursive: true, force: true });
  return {
    dir,
    total: plan.runs.length,
    in_shard: mine.length,
    skipped: progress.skipped,
    ran: progress.done,
    failed: progress.failed,
    interrupted,
    summary_rows: s.rows,
    failed_in_store: s.failed,
    repaired: inspected.broken,
  };
}

interface WorkerMessage {
  type: "ready" | "done" | "fatal";
  index?: number;
  /** 0 ok, 1 failed. */
  status?: number;
  metrics?: Float64Array;
  error?: string;
}

function runOnWorkers(file: string, sweepId: string, dir: string, todo: readonly SweepRun[], n: number, finish: (status: string) => void, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolvePromise, reject) => {
    let next = 0;
    let active = 0;
    let stopped = false;
    const pool: Worker[] = [];
    const entry = join(packageRoot(), "src", "sweep", "worker.mjs");
    const stopAll = (interrupted: boolean, err?: Error) => {
      if (stopped) return;
      stopped = true;
      signal?.removeEventListener("abort", onAbort);
      void Promise.all(pool.map((w) => w.terminate())).then(() => (err ? reject(err) : resolvePromise(interrupted)));
    };
    const onAbort = () => stopAll(true);
    signal?.addEventListener("abort", onAbort);
    const dispatch = (w: Worker) => {
      if (stopped) return;
      if (next >= todo.length) {
        if (active === 0) stopAll(false);
        return;
      }
      active++;
      w.postMessage({ index: todo[next++]!.index });
    };
    for (let k = 0; k < n; k++) {
      const w = new Worker(entry, { workerData: { file, dir, sweepId }, execArgv: [] });
      pool.push(w);
      w.on("message", (m: WorkerMessage) => {
        if (m.type === "ready") dispatch(w);
        else if (m.type === "done") {
          active--;
          finish(m.status === 0 ? "ok" : "failed");
          dispatch(w);
        } else if (m.type === "fatal") stopAll(false, new Error(`sweep worker: ${m.error}`));
      });
      w.on("error", (e) => stopAll(false, e instanceof Error ? e : new Error(String(e))));
    }
    if (signal?.aborted) onAbort();
  });
}
