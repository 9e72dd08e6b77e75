/**
 * The library's front door: load a scenario, run it, get tables as DataFrames. Run folders are
 * written and read by runs/ (writeRunFolder and runId are re-exported here for existing imports).
 * Returns data; never prints or exits.
 */
import { loadScenarioFile, type LoadedScenario } from "../scenario/load.js";
import { compileScenario, type CompiledScenario } from "../scenario/compile.js";
import { ScenarioError } from "../scenario/issues.js";
import { withOverrides, withRunOptions, type Overrides } from "../scenario/override.js";
import { simulate, type SimulateOptions } from "./simulate.js";
import { tableToFrame, type DataFrame } from "../io/frame.js";
import type { RunTables } from "../table.js";

export { writeRunFolder, runId } from "../runs/write.js";

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
  tables: RunTables;
  /** The network table as a danfojs DataFrame (built on first access). */
  readonly network: DataFrame;
  /** The per-validator table (one row per validator per recording point) as a DataFrame. */
  readonly validators: DataFrame;
  /** The per-subnet table (one row per subnet per recording point) as a DataFrame. */
  readonly subnets: DataFrame;
  /** dTAO eras: the pools table (one row per subnet pool per recording point) as a DataFrame; undefined in other eras. */
  readonly pools: DataFrame | undefined;
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
  const withOptions = withRunOptions(loaded, { seed: opts.seed, horizonDays: opts.horizonDays });
  if (withOptions.ok === false) throw new ScenarioError(withOptions.issues);
  const c = compileScenario(withOptions.value);
  if (c.ok === false) throw new ScenarioError(c.issues);
  const compile_ms = performance.now() - t0;
  const out = simulate(c.value, opts);
  let frame: DataFrame | undefined;
  let vFrame: DataFrame | undefined;
  let sFrame: DataFrame | undefined;
  let pFrame: DataFrame | undefined;
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
    get pools() {
      return out.tables.pools ? (pFrame ??= tableToFrame(out.tables.pools)) : undefined;
    },
    timings: { compile_ms, simulate_ms: out.simulate_ms },
    events: out.events,
    runtime: { threads: out.state.runtime.threads, workers_started: out.state.runtime.workers_started ?? 0 },
  };
}
