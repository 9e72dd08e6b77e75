/**
 * Writing a run folder <out>/<run-id>/ (the interface between running and analysing; read back by
 * load.ts):
 *
 *   manifest.json                  run id, version, resolved scenario and its hash, seed, start,
 *                                  horizon, mechanisms, each table's columns, timings
 *   <table>.csv, <table>.parquet   network, validators, subnets
 *   report.html                    charts and a summary (plots/report.ts)
 *
 * The folder is written under a temporary name and renamed into place, so a failed write leaves
 * nothing behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CompiledScenario } from "../scenario/compile.js";
import { numericColumn, textColumn, type RunTables, type Table } from "../table.js";
import { tableToCsv } from "../io/csv.js";
import { tableToParquet } from "../io/parquet.js";
import { reportHtml } from "../plots/report.js";
import { halvingIndex } from "../supply/block-emission.js";
import { taoToRao } from "../units.js";
import { VERSION } from "../version.js";
import { runMechanisms } from "../mechanisms/index.js";

/** What a run folder is written from (a RunResult of engine/run.ts). */
export interface RunFolderInput {
  compiled: CompiledScenario;
  tables: RunTables;
  timings: { compile_ms: number; simulate_ms: number };
  events: number;
  runtime: { threads: number; workers_started: number };
}

/** manifest.json of a run folder. */
export interface RunManifest {
  run_id: string;
  taosim_version: string;
  scenario: { name: string; description: string; hash_sha256: string; resolved: unknown };
  seed: number;
  start: { date: string; block: number };
  horizon_blocks: number;
  record_every_blocks: number;
  mechanisms: { name: string; mirrors: unknown }[];
  /** Each table's rows and columns (name, unit, meaning), in file order. */
  tables: Record<string, { rows: number; columns: { name: string; unit: string; doc: string }[] }>;
  timings_ms: { compile: number; simulate: number; write: number };
  events: number;
  runtime: { threads: number; workers_started: number };
  created_at: string;
}

export type TableFormat = "csv" | "parquet";

/** Write `t` into `dir` as <name>.csv and/or <name>.parquet; returns each file's name and bytes. */
export function writeTable(dir: string, t: Table, formats: readonly TableFormat[] = ["csv", "parquet"]): Record<string, string | Uint8Array> {
  const out: Record<string, string | Uint8Array> = {};
  for (const f of formats) {
    const data = f === "csv" ? tableToCsv(t) : tableToParquet(t);
    writeFileSync(join(dir, `${t.name}.${f}`), data);
    out[`${t.name}.${f}`] = data;
  }
  return out;
}

/** Run id: scenario name, first 10 hex of the scenario hash, and the seed. */
export function runId(c: CompiledScenario): string {
  return `${c.name}-${c.hash.slice(0, 10)}-s${c.seed}`;
}

function lastValue(t: Table, name: string): number {
  return numericColumn(t, name)[t.rows - 1]!;
}

function firstValue(t: Table, name: string): number {
  return numericColumn(t, name)[0]!;
}

const fmt = (v: number, digits = 0) => v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Write runs/<id>/ atomically (a temp folder renamed into place). Returns the folder path. */
export function writeRunFolder(result: RunFolderInput, outRoot: string): string {
  const c = result.compiled;
  const id = runId(c);
  const root = resolve(outRoot);
  mkdirSync(root, { recursive: true });
  const final = join(root, id);
  const tmp = join(root, `.${id}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    const t0 = performance.now();
    const { network: net, validators: val, subnets: sub, pools } = result.tables;
    const all = pools ? [net, val, sub, pools] : [net, val, sub];
    for (const t of all) writeTable(tmp, t);
    const k0 = halvingIndex(taoToRao(firstValue(net, "issuance_tao")));
    const k1 = halvingIndex(taoToRao(lastValue(net, "issuance_tao")));
    const days = c.horizon_blocks / 7200;
    writeFileSync(
      join(tmp, "report.html"),
      reportHtml({
        title: `taosim run: ${c.name}`,
        network: net,
        ...(pools ? { pools } : {}),
        summary: [
          ["scenario", `${c.name}: ${c.description}`],
          ["run id", id],
          ["seed", String(c.seed)],
          ["start", `${textColumn(net, "date")[0]} (block ${c.start_block})`],
          ["horizon", `${fmt(days, 1)} days (${fmt(c.horizon_blocks)} blocks)`],
          ["issuance", `${fmt(firstValue(net, "issuance_tao"))} → ${fmt(lastValue(net, "issuance_tao"))} TAO`],
          ["emitted / recycled", `${fmt(lastValue(net, "emitted_tao"))} / ${fmt(lastValue(net, "recycled_tao"))} TAO (recycle_frac ${c.recycle_frac})`],
          ["halvings during the run", String(Number.isFinite(k1) && Number.isFinite(k0) ? k1 - k0 : "cap reached")],
          ["staked at the end", `${fmt(lastValue(net, "staked_tao"))} TAO (${fmt(100 * lastValue(net, "staking_ratio_frac"), 1)} %)`],
          ["consensus / subnet emission", `${c.consensus} / ${c.subnet_emission}`],
        ],
      }),
    );
    const manifest: RunManifest = {
      run_id: id,
      taosim_version: VERSION,
      scenario: { name: c.name, description: c.description, hash_sha256: c.hash, resolved: c.scenario },
      seed: c.seed,
      start: { date: c.scenario.start.date, block: c.start_block },
      horizon_blocks: c.horizon_blocks,
      record_every_blocks: c.record_every_blocks,
      mechanisms: runMechanisms(c).map((m) => ({ name: m.name, mirrors: m.mirrors })),
      tables: Object.fromEntries(
        all.map((t) => [t.name, { rows: t.rows, columns: t.columns.map((x) => ({ name: x.def.name, unit: x.def.unit, doc: x.def.doc })) }]),
      ),
      timings_ms: {
        compile: Math.round(result.timings.compile_ms),
        simulate: Math.round(result.timings.simulate_ms),
        write: Math.round(performance.now() - t0),
      },
      events: result.events,
      runtime: result.runtime,
      created_at: new Date().toISOString(),
    };
    writeFileSync(join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    if (existsSync(final)) rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
    return final;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
