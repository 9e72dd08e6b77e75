/**
 * The run store of a sweep: <out>/<sweep-id>/
 *
 *   manifest.json           what was swept (paths, seeds, run count, summary columns)
 *   runs/<index>-<id>/      one folder per finished run, renamed into place when complete:
 *       run.json            index, id, seed, parameters, status, summary metrics (or the error),
 *                           and the sha256 of each file of the folder
 *       network.parquet     the run's network time series (ok runs)
 *   summary.csv, summary.parquet   one row per finished run in run order (rebuilt from runs/)
 *   tmp/                    runs in progress (discarded on the next start)
 *
 * A run folder exists only once the run is complete, so an interrupted sweep (Ctrl-C, kill -9)
 * loses only runs in flight, and rebuilding the summary from runs/ can neither lose nor duplicate
 * a row. The summary holds nothing that depends on timing or thread count.
 *
 * Integrity: a run folder counts as finished only if its run.json parses, has the shape of a run
 * record and names this folder's run, and every file it lists is present with its checksum.
 * Anything else (a missing or edited file, a truncated run.json) is reported by `inspectRuns`
 * and, on resume, the run is cleared and run again, never counted done.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { parquetWriteBuffer } from "hyparquet-writer";
import { canonicalJson } from "../scenario/compile.js";
import type { SweepPlan } from "./expand.js";
import { VERSION } from "../version.js";

export interface RunRecord {
  index: number;
  id: string;
  seed: number;
  params: Record<string, unknown>;
  status: "ok" | "failed";
  /** "<column>_mean" and "<column>_last" per summary column (ok runs). */
  metrics: Record<string, number>;
  error?: string;
  /** File name → sha256 (hex) of the run folder's files other than run.json. */
  files?: Record<string, string>;
}

/** A store that cannot be used as it is (a corrupted manifest, another sweep's folder). */
export class StoreError extends Error {}

export interface SweepManifest {
  kind: "taosim-sweep";
  version: string;
  sweep_id: string;
  name: string;
  file: string;
  paths: string[];
  seeds: number[];
  summary_columns: string[];
  runs_total: number;
  created_at: string;
}

export const runDirName = (index: number, id: string) => `${String(index).padStart(6, "0")}-${id}`;

/** Write a file atomically (temp file + rename in the same folder). */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The store's manifest; undefined when there is none or it is not a sweep's; StoreError when it is unreadable. */
export function readManifest(dir: string): SweepManifest | undefined {
  const p = join(dir, "manifest.json");
  if (!existsSync(p)) return undefined;
  let m: unknown;
  try {
    m = JSON.parse(readFileSync(p, "utf8"));
  } catch {
    throw new StoreError(`${p} is not valid JSON (a damaged store): remove the folder, or restore the file, and run again`);
  }
  if (typeof m !== "object" || m === null || (m as SweepManifest).kind !== "taosim-sweep") return undefined;
  const ok = typeof (m as SweepManifest).sweep_id === "string" && Array.isArray((m as SweepManifest).paths) && Array.isArray((m as SweepManifest).summary_columns);
  if (!ok) throw new StoreError(`${p} is missing fields (a damaged store): remove the folder, or restore the file, and run again`);
  return m as SweepManifest;
}

/** Create the store folder (or check an existing one is this sweep's) and clear runs in flight. */
export function openStore(dir: string, plan: SweepPlan, file: string): void {
  mkdirSync(join(dir, "runs"), { recursive: true });
  let old: SweepManifest | undefined;
  try {
    old = readManifest(dir);
  } catch {
    old = undefined; // damaged: written anew from the plan below
  }
  if (old && old.sweep_id !== plan.sweep_id) throw new StoreError(`${dir} holds sweep ${old.sweep_id}, not ${plan.sweep_id}`);
  if (!old) {
    const m: SweepManifest = {
      kind: "taosim-sweep",
      version: VERSION,
      sweep_id: plan.sweep_id,
      name: plan.name,
      file,
      paths: plan.paths,
      seeds: plan.seeds,
      summary_columns: plan.summary_columns,
      runs_total: plan.runs.length,
      created_at: new Date().toISOString(),
    };
    writeAtomic(join(dir, "manifest.json"), JSON.stringify(m, null, 2) + "\n");
  }
  rmSync(join(dir, "tmp"), { recursive: true, force: true });
}

export interface BrokenRun {
  /** Run folder name under runs/. */
  name: string;
  reason: string;
}

function isRunRecord(r: unknown): r is RunRecord {
  if (typeof r !== "object" || r === null) return false;
  const x = r as RunRecord;
  return Number.isInteger(x.index) && typeof x.id === "string" && typeof x.seed === "number" && (x.status === "ok" || x.status === "failed") &&
    typeof x.params === "object" && x.params !== null && typeof x.metrics === "object" && x.metrics !== null &&
    (x.files === undefined || (typeof x.files === "object" && x.files !== null));
}

/** Check one run folder: its record, or why it cannot count as finished. */
function checkRun(folder: string, name: string): RunRecord | string {
  const p = join(folder, "run.json");
  if (!existsSync(p)) return "run.json is missing";
  let rec: unknown;
  try {
    rec = JSON.parse(readFileSync(p, "utf8"));
  } catch {
    return "run.json is not valid JSON";
  }
  if (!isRunRecord(rec)) return "run.json does not hold a run record";
  if (runDirName(rec.index, rec.id) !== name) return "run.json names another run";
  const files = rec.files ?? (rec.status === "ok" ? { "network.parquet": "" } : {});
  for (const [file, sum] of Object.entries(files)) {
    if (file.includes("/") || file.includes("\\") || file.startsWith(".")) return `run.json lists a bad file name`;
    const fp = join(folder, file);
    if (!existsSync(fp)) return `${file} is missing`;
    if (sum !== "" && sha256(readFileSync(fp)) !== sum) return `${file} does not match its checksum`;
  }
  return rec;
}

/** Finished runs in the store (folder name → record) and the run folders that cannot count as finished. */
export function inspectRuns(dir: string): { records: Map<string, RunRecord>; broken: BrokenRun[] } {
  const records = new Map<string, RunRecord>();
  const broken: BrokenRun[] = [];
  const runs = join(dir, "runs");
  if (!existsSync(runs)) return { records, broken };
  for (const name of readdirSync(runs).sort()) {
    if (name.startsWith(".")) continue; // a merge in progress
    const r = checkRun(join(runs, name), name);
    if (typeof r === "string") broken.push({ name, reason: r });
    else records.set(name, r);
  }
  return { records, broken };
}

/** Finished runs in the store whose files check out: run folder name → record. */
export function finishedRuns(dir: string): Map<string, RunRecord> {
  return inspectRuns(dir).records;
}

/** Remove broken run folders (so their runs are run again). */
export function clearBroken(dir: string, broken: readonly BrokenRun[]): void {
  for (const b of broken) rmSync(join(dir, "runs", b.name), { recursive: true, force: true });
}

/** Move a completed run folder from tmp/ into runs/ (the commit point of a run). */
export function commitRun(dir: string, tmpDir: string, index: number, id: string): void {
  const final = join(dir, "runs", runDirName(index, id));
  if (existsSync(final)) {
    rmSync(tmpDir, { recursive: true, force: true });
    return;
  }
  renameSync(tmpDir, final);
}

/** A parameter value as a table cell (numbers and strings as they are, anything else as its JSON). */
export function paramCell(v: unknown): number | string {
  return typeof v === "number" || typeof v === "string" ? v : canonicalJson(v);
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return Number.isNaN(v) ? "" : String(v);
  const s = String(paramCell(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The summary's columns: run identity, parameters, status, metrics, error. */
export function summaryColumns(m: Pick<SweepManifest, "paths" | "summary_columns">): { params: string[]; metrics: string[] } {
  return { params: m.paths, metrics: m.summary_columns.flatMap((c) => [`${c}_mean`, `${c}_last`]) };
}

/**
 * Rebuild summary.csv and summary.parquet from the finished runs (those of this sweep's plan,
 * in run order). Returns the number of rows.
 */
export function writeSummary(dir: string, m: SweepManifest, records: readonly RunRecord[]): number {
  const rows = [...records].sort((a, b) => a.index - b.index);
  const { params, metrics } = summaryColumns(m);
  const header = ["run_index", "run_id", "seed", ...params, "status", ...metrics, "error"];
  const lines = [header.map(csvCell).join(",")];
  for (const r of rows) {
    lines.push([r.index, r.id, r.seed, ...params.map((p) => r.params[p]), r.status, ...metrics.map((k) => r.metrics[k] ?? NaN), r.error ?? ""].map(csvCell).join(","));
  }
  writeAtomic(join(dir, "summary.csv"), lines.join("\n") + "\n");
  const paramCol = (p: string) => {
    const vals = rows.map((r) => r.params[p]);
    return vals.every((v) => typeof v === "number")
      ? { name: p, data: Float64Array.from(vals as number[]), type: "DOUBLE" as const }
      : { name: p, data: vals.map((v) => String(paramCell(v))), type: "STRING" as const };
  };
  const buf = parquetWriteBuffer({
    columnData: [
      { name: "run_index", data: Int32Array.from(rows.map((r) => r.index)), type: "INT32" },
      { name: "run_id", data: rows.map((r) => r.id), type: "STRING" },
      { name: "seed", data: Float64Array.from(rows.map((r) => r.seed)), type: "DOUBLE" },
      ...params.map(paramCol),
      { name: "status", data: rows.map((r) => r.status), type: "STRING" },
      ...metrics.map((k) => ({ name: k, data: Float64Array.from(rows.map((r) => r.metrics[k] ?? NaN)), type: "DOUBLE" as const })),
      { name: "error", data: rows.map((r) => r.error ?? ""), type: "STRING" },
    ],
    createdBy: `taosim ${VERSION}`,
  });
  writeAtomic(join(dir, "summary.parquet"), new Uint8Array(buf));
  return rows.length;
}
