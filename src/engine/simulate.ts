/**
 * One run: compiled scenario → state → at each event block, the mechanism pipeline in order →
 * recorder. Time advances from event to event (epochs, drains, recording points, the horizon);
 * nothing is computed for the blocks in between, where nothing happens, and emission over a span
 * is exact (SupplyClock).
 */
import type { CompiledScenario } from "../scenario/compile.js";
import { priceAtBlock } from "../processes/price.js";
import { alphaConservationError, createState, conservationError, startInterval, type SimState } from "../state/state.js";
import { availableParallelism } from "node:os";
import { findEra, pipelineFor } from "../mechanisms/index.js";
import type { AnyMechanism } from "../mechanisms/mechanism.js";
import { StateChecker } from "./check.js";
import { Recorder } from "../record/recorder.js";
import type { Table } from "../table.js";
import { EntityRecorder, SUBNET_COLUMNS, VALIDATOR_COLUMNS, type EntityColumn } from "../record/validators.js";
import type { NetworkColumn } from "../record/columns.js";
import { postProcess } from "../metrics/post.js";
import { findDtaoEra } from "../mechanisms/dtao/eras.js";
import { placeCoinbaseColumns } from "../mechanisms/dtao/coinbase-kernel.js";

export interface SimulateOptions {
  /** Called with the fraction done (0–1), at most every ~50 ms of work. */
  onProgress?: (fraction: number) => void;
  /** Check TAO conservation at every recording point (default true); throws on a violation. */
  checkInvariants?: boolean;
  /**
   * Threads the run may use (default: $TAOSIM_THREADS, else the machine's available
   * parallelism). With 2 or more, a
   * long Yuma run draws validators' observation noise on a worker thread. Results are identical
   * for any value.
   */
  threads?: number;
  /**
   * Check the mutation contract around every mechanism call (engine/check.ts): undeclared reads
   * and writes fail the run. Default: $TAOSIM_CHECK = 1. Slow; for debugging and tests.
   */
  checkContract?: boolean;
  /**
   * Run the dTAO coinbase in its WebAssembly kernel (default true; false: its TypeScript
   * reference). Results are identical either way.
   */
  coinbaseKernel?: boolean;
}

export interface SimulateOutput {
  tables: { network: Table; validators: Table; subnets: Table; pools?: Table };
  state: SimState;
  events: number;
  simulate_ms: number;
}

/** Tolerance of the conservation check (relative to issuance). */
export const CONSERVATION_TOLERANCE = 1e-9;

export function simulate(c: CompiledScenario, opts: SimulateOptions = {}): SimulateOutput {
  const t0 = performance.now();
  const segments = eraSegments(c);
  const st = createState(segments[0]!.compiled, { threads: opts.threads ?? defaultThreads() });
  // The dTAO coinbase's pool columns move into its kernel's memory before anything holds them.
  if ((opts.coinbaseKernel ?? process.env.TAOSIM_COINBASE_KERNEL !== "0") && segments.some((s) => findDtaoEra(s.compiled.era))) placeCoinbaseColumns(st.subnets);
  const checker = opts.checkContract ?? process.env.TAOSIM_CHECK === "1" ? new StateChecker(st) : undefined;
  return run(c, st, segments, checker, opts, t0);
}

/**
 * The run's era segments: each era of `network.eras` (or the one `network.era`) from its first
 * block to the next one's, with the compiled scenario its mechanisms see (`era` set to it).
 */
export interface EraSegment {
  compiled: CompiledScenario;
  from_block: number;
  end_block: number;
  pipeline: AnyMechanism[];
}

export function eraSegments(c: CompiledScenario): EraSegment[] {
  const end = c.start_block + c.horizon_blocks;
  const eras = c.eras && c.eras.length > 0 ? c.eras : [{ era: c.era, from_block: c.start_block, recycle_frac: c.recycle_frac }];
  const out: EraSegment[] = [];
  for (let k = 0; k < eras.length; k++) {
    const from = Math.max(c.start_block, eras[k]!.from_block);
    const to = Math.min(end, k + 1 < eras.length ? eras[k + 1]!.from_block : end);
    if (to <= from && !(k === 0 && from === end)) continue;
    const e = eras[k]!;
    const compiled = e.era === c.era && e.recycle_frac === c.recycle_frac ? c : Object.freeze({ ...c, era: e.era, recycle_frac: e.recycle_frac });
    out.push({ compiled, from_block: from, end_block: to, pipeline: pipelineFor(compiled) });
  }
  return out;
}

function checkedNextBlock(checker: StateChecker, m: AnyMechanism, p: unknown): number {
  return checker.call(m, "nextBlock", (s) => m.nextBlock(s, p));
}

function checkedStep(checker: StateChecker, m: AnyMechanism, t: number, p: unknown): void {
  checker.call(m, "step", (s) => m.step(s, t, p));
}

/** The network columns and the pools table of every era in the segments (each column once, in era order). */
function recordedExtras(segments: readonly EraSegment[]): { network: NetworkColumn[]; pools?: readonly EntityColumn[] } {
  const network: NetworkColumn[] = [];
  let pools: readonly EntityColumn[] | undefined;
  for (const seg of segments) {
    const r = findEra(seg.compiled.era)?.record;
    if (!r) continue;
    for (const col of r.network) if (!network.some((x) => x.name === col.name)) network.push(col);
    pools ??= r.pools;
  }
  return pools ? { network, pools } : { network };
}

/** $TAOSIM_THREADS when it is a positive integer, else the machine's available parallelism. */
export function defaultThreads(): number {
  const env = Number(process.env.TAOSIM_THREADS);
  return Number.isInteger(env) && env >= 1 ? env : availableParallelism();
}

function run(c: CompiledScenario, st: SimState, segments: readonly EraSegment[], checker: StateChecker | undefined, opts: SimulateOptions, t0: number): SimulateOutput {
  const end = c.start_block + c.horizon_blocks;
  const every = c.record_every_blocks;
  // The recorded columns: the common ones and those of every era the run passes through.
  const extra = recordedExtras(segments);
  const recorder = new Recorder(Math.ceil(c.horizon_blocks / every) + 2, extra.network);
  const pRecorder = extra.pools ? new EntityRecorder("pools", extra.pools, st.subnets.n, Math.ceil(c.horizon_blocks / every) + 2) : undefined;
  const vRecorder = new EntityRecorder("validators", VALIDATOR_COLUMNS, st.validators.n, Math.ceil(c.horizon_blocks / every) + 2);
  const sRecorder = new EntityRecorder("subnets", SUBNET_COLUMNS, st.subnets.n, Math.ceil(c.horizon_blocks / every) + 2);
  const check = opts.checkInvariants ?? true;
  const record = () => {
    if (check) {
      const err = conservationError(st);
      if (!(err <= CONSERVATION_TOLERANCE)) throw new Error(`TAO conservation violated at block ${st.network.block}: relative error ${err}`);
      const aerr = alphaConservationError(st);
      if (!(aerr <= CONSERVATION_TOLERANCE)) throw new Error(`alpha conservation violated at block ${st.network.block}: relative error ${aerr}`);
    }
    recorder.record(st, priceAtBlock(c, st.network.block));
    vRecorder.record(st);
    sRecorder.record(st);
    pRecorder?.record(st);
    startInterval(st);
  };
  let nextRecord = c.start_block + every;
  let events = 0;
  let lastTick = performance.now();
  for (let g = 0; g < segments.length; g++) {
    const seg = segments[g]!;
    // The mechanisms see the compiled scenario of their era; the next era's init migrates the state.
    (st as { compiled: CompiledScenario }).compiled = seg.compiled;
    const pipeline = seg.pipeline;
    // Each mechanism's private per-run state, created by its init and handed back to every call.
    const priv: unknown[] = [];
    try {
      for (const m of pipeline) priv.push(checker ? checker.call(m, "init", (s) => m.init?.(s)) : m.init?.(st));
      if (g === 0) record();
      while (st.network.block < seg.end_block) {
        let t = Math.min(seg.end_block, nextRecord);
        // (No closures in this loop: the checked calls are made by helpers, so nothing here is captured.)
        for (let k = 0; k < pipeline.length; k++) {
          const b = checker ? checkedNextBlock(checker, pipeline[k]!, priv[k]) : pipeline[k]!.nextBlock(st, priv[k]);
          if (b < t) t = b;
        }
        for (let k = 0; k < pipeline.length; k++) {
          if (checker) checkedStep(checker, pipeline[k]!, t, priv[k]);
          else pipeline[k]!.step(st, t, priv[k]);
        }
        st.network.block = t;
        if (t === nextRecord || t === end) {
          record();
          if (t === nextRecord) nextRecord += every;
        }
        events++;
        if (opts.onProgress && (events & 255) === 0) {
          const now = performance.now();
          if (now - lastTick > 50) {
            lastTick = now;
            opts.onProgress((t - c.start_block) / c.horizon_blocks);
          }
        }
      }
    } finally {
      pipeline.forEach((m, k) => {
        if (k < priv.length) m.close?.(st, priv[k]);
      });
    }
  }
  (st as { compiled: CompiledScenario }).compiled = c;
  opts.onProgress?.(1);
  return { tables: postProcess({ network: recorder.table(c.start_block, c.start_ms), validators: vRecorder.table(st), subnets: sRecorder.table(st), ...(pRecorder ? { pools: pRecorder.table(st) } : {}) }), state: st, events, simulate_ms: performance.now() - t0 };
}
