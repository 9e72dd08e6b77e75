/**
 * The library's front door: load a scenario, run it, get tables as DataFrames, write a run folder.
 * Returns data; never prints or exits.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadScenarioFile, type LoadedScenario } from "../scenario/load.js";
import { compileScenario, type CompiledScenario, type CompileOverrides } from "../scenario/compile.js";
import { ScenarioError } from "../scenario/issues.js";
import { withOverrides, type Overrides } from "../scenario/override.js";
import { simulate, type SimulateOptions } from "./simulate.js";
import { numericColumn, textColumn, type Table } from "../table.js";
import { tableToFrame, type DataFrame } from "../io/frame.js";
import { tableToCsv } from "../io/csv.js";
import { tableToParquet } from "../io/parquet.js";
import { reportHtml } from "../plots/report.js";
import { halvingIndex } from "../supply/block-emission.js";
import { taoToRao } from "../units.js";
import { VERSION } from "../version.js";
import { pipelineFor } from "../mechanisms/index.js";

/** Load and validate a scenario file; throws ScenarioError (with every issue) on bad input. */
export function loadScenario(file: string): LoadedScenario {
  const r = loadScenarioFile(file);
  if (r.ok === false) throw new ScenarioError(r.issues);
  return r.value;
}

export interface RunScenarioOptions extends SimulateOptions {
  seed?: number;
  horizonDays?: number;
  /** Scenario values to change by dotted path, e.g. { "network.hyperparameters.kappa": 0.6 }. */
  overrides?: Overrides;
}

export interface RunResult {
  compiled: CompiledScenario;
  tables: { network: Table; validators: Table; subnets: Table };
  /** The network table as a danfojs DataFrame (built on first access). */
  readonly network: DataFrame;
  /** The per-validator table (one row per validator per recording point) as a DataFrame. */
  readonly validators: DataFrame;
  /** The per-subnet table (one row per subnet per recording point) as a DataFrame. */
  readonly subnets: DataFrame;
  timings: { compile_ms: number; simulate_ms: number };
  events: number;
  /** Threads the run could use and worker threads it started (results do not depend on them). */
  runtime: { threads: number; workers_started: number };
}

/** Compile (with overrides) and run; throws ScenarioError on bad input. */
export function runScenario(scenario: LoadedScenario | string, opts: RunScenarioOptions = {}): RunResult {
  let loaded = typeof scenario === "string" ? loadScenario(scenario) : scenario;
  if (opts.overrides && Object.keys(opts.overrides).length > 0) {
    const o = withOverrides(loaded, opts.overrides);
    if (o.ok === false) throw new ScenarioError(o.issues);
    loaded = o.value;
  }
  const t0 = performance.now();
  const overrides: CompileOverrides = {};
  if (opts.seed !== undefined) overrides.seed = opts.seed;
  if (opts.horizonDays !== undefined) overrides.horizon_days = opts.horizonDays;
  const c = compileScenario(loaded, overrides);
  if (c.ok === false) throw new ScenarioError(c.issues);
  const compile_ms = performance.now() - t0;
  const out = simulate(c.value, opts);
  let frame: DataFrame | undefined;
  let vFrame: DataFrame | undefined;
  let sFrame: DataFrame | undefined;
  return {
    compiled: c.value,
    tables: out.tables,
    get network() {
      return (frame ??= tableToFrame(out.tables.network));
    },
    get validators() {
      return (vFrame ??= tableToFrame(out.tables.validators));
    },
    get subnets() {
      return (sFrame ??= tableToFrame(out.tables.subnets));
    },
    timings: { compile_ms, simulate_ms: out.simulate_ms },
    events: out.events,
    runtime: { threads: out.state.runtime.threads, workers_started: out.state.runtime.workers_started ?? 0 },
  };
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
export function writeRunFolder(result: RunResult, outRoot: string): string {
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
    const net = result.tables.network;
    writeFileSync(join(tmp, "network.csv"), tableToCsv(net));
    writeFileSync(join(tmp, "network.parquet"), tableToParquet(net));
    const val = result.tables.validators;
    writeFileSync(join(tmp, "validators.csv"), tableToCsv(val));
    writeFileSync(join(tmp, "validators.parquet"), tableToParquet(val));
    const sub = result.tables.subnets;
    writeFileSync(join(tmp, "subnets.csv"), tableToCsv(sub));
    writeFileSync(join(tmp, "subnets.parquet"), tableToParquet(sub));
    const k0 = halvingIndex(taoToRao(firstValue(net, "issuance_tao")));
    const k1 = halvingIndex(taoToRao(lastValue(net, "issuance_tao")));
    const days = c.horizon_blocks / 7200;
    writeFileSync(
      join(tmp, "report.html"),
      reportHtml({
        title: `taosim run: ${c.name}`,
        network: net,
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
    const manifest = {
      run_id: id,
      taosim_version: VERSION,
      scenario: { name: c.name, description: c.description, hash_sha256: c.hash, resolved: c.scenario },
      seed: c.seed,
      start: { date: c.scenario.start.date, block: c.start_block },
      horizon_blocks: c.horizon_blocks,
      record_every_blocks: c.record_every_blocks,
      mechanisms: pipelineFor(c).map((m) => ({ name: m.name, mirrors: m.mirrors })),
      tables: Object.fromEntries(
        [net, val, sub].map((t) => [t.name, { rows: t.rows, columns: t.columns.map((x) => ({ name: x.def.name, unit: x.def.unit, doc: x.def.doc })) }]),
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
