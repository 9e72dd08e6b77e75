/**
 * Compile a validated scenario into the frozen, array-shaped description a run starts from:
 * horizon in blocks, the daily price path, and every population sampled into typed arrays from its
 * own named stream (`agents/<kind>/<group>`), so adding a group never shifts another group's draws.
 * Problems found here (expressions, sampled values out of range, capacity) are returned as issues
 * located in the scenario files.
 */
import { createHash } from "node:crypto";
import { dirname } from "node:path";
import { MAX_DATA_BYTES, resolveScenarioRef } from "./files.js";
import { compileExpr, type CompiledExpr } from "./expr.js";
import { findDistribution, type ValueSpec } from "./distributions.js";
import type { Issue, PathSegment } from "./issues.js";
import { MAX_HORIZON_DAYS, type Scenario } from "./schema.js";
import type { LoadedScenario } from "./load.js";
import { buildPricePath } from "./price-path.js";
import { compileDtao, compileEras } from "./dtao.js";
import { findStrategy, type AgentKind } from "../agents/registry.js";
import { normal01, stream, type Rng } from "../rng.js";
import { BLOCKS_PER_DAY, MS_PER_DAY, parseIsoDate } from "../units.js";

export type { PopulationGroup, CompiledPopulations, CompiledScenario } from "../state/compiled.js";
import type { PopulationGroup, CompiledScenario } from "../state/compiled.js";

/**
 * The most agents (miner uids + validators + stakers) one scenario may hold: a memory bound (a run
 * keeps ~60–100 bytes of columns per agent, so 2M agents stay well under 1 GB). The whole real
 * network is 128 subnets × 256 uids = 32,768 uids.
 */
export const MAX_AGENTS = 2_000_000;

export type CompileResult = { ok: true; value: CompiledScenario } | { ok: false; issues: Issue[] };

/** Stable JSON (sorted keys) for hashing. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

interface ValueBounds {
  min?: number;
  max?: number;
  what: string;
}

/** Sample `count` values of a value spec. Returns an issue message on failure. */
function sampleValues(spec: ValueSpec, count: number, rng: Rng, bounds: ValueBounds): Float64Array | string {
  const out = new Float64Array(count);
  if (typeof spec === "number") {
    out.fill(spec);
  } else if (typeof spec === "string") {
    const c = compileExpr(spec, ["i", "n", "u", "z"]);
    if (c.ok === false) return c.message;
    const expr: CompiledExpr = c.expr;
    const scope = { i: 0, n: count, u: 0, z: 0 };
    for (let i = 0; i < count; i++) {
      scope.i = i;
      scope.u = rng();
      scope.z = normal01(rng);
      const v = expr.tryEvaluate(scope);
      if (typeof v !== "number") return `${bounds.what}: the expression fails for agent ${i} (i=${i}, u=${scope.u.toPrecision(4)}): ${v.error}`;
      if (!Number.isFinite(v)) return `${bounds.what} must be a finite number; the expression gives ${v} for agent ${i} (i=${i}, u=${scope.u.toPrecision(4)}, z=${scope.z.toPrecision(4)})`;
      out[i] = v;
    }
  } else {
    const d = findDistribution(spec.dist);
    if (!d) return `unknown distribution "${spec.dist}"`;
    if (d.name === "list") {
      const values = spec.values as number[];
      if (values.length !== count) return `list has ${values.length} values for ${count} agents`;
      out.set(values);
    } else {
      for (let i = 0; i < count; i++) out[i] = d.sample(spec as never, rng);
    }
    if (spec.min !== undefined || spec.max !== undefined) {
      const lo = spec.min ?? -Infinity;
      const hi = spec.max ?? Infinity;
      if (lo > hi) return `min ${lo} is above max ${hi}`;
      for (let i = 0; i < count; i++) out[i] = Math.min(hi, Math.max(lo, out[i]!));
    }
    if (spec.scale_to_total !== undefined && count > 0) {
      let sum = 0;
      for (let i = 0; i < count; i++) sum += out[i]!;
      if (!(sum > 0)) return `cannot scale to a total: the samples sum to ${sum}`;
      const f = spec.scale_to_total / sum;
      for (let i = 0; i < count; i++) out[i] = out[i]! * f;
    }
  }
  for (let i = 0; i < count; i++) {
    const v = out[i]!;
    if (!Number.isFinite(v)) return `${bounds.what} must be a finite number; agent ${i} got ${v}`;
    if (bounds.min !== undefined && v < bounds.min) return `${bounds.what} must be ≥ ${bounds.min}; agent ${i} got ${v}`;
    if (bounds.max !== undefined && v > bounds.max) return `${bounds.what} must be ≤ ${bounds.max}; agent ${i} got ${v}`;
  }
  return out;
}

/** Pick an index with probability ∝ weights (cumulative sums + bisection). */
function makePicker(weights: Float64Array, rng: Rng): () => number {
  const cum = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) cum[i] = s += Math.max(0, weights[i]!);
  return () => {
    if (s <= 0) return Math.floor(rng() * weights.length);
    const x = rng() * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Compile a loaded scenario (variants, --seed and --horizon-days included, come through override.ts). */
export function compileScenario(loaded: LoadedScenario): CompileResult {
  const issues: Issue[] = [];
  const at = (path: PathSegment[]) => loaded.locate(path);
  const push = (path: PathSegment[], message: string) => issues.push({ ...at(path), path: path.join("."), message });

  const sc: Scenario = loaded.scenario;

  const startMs = parseIsoDate(sc.start.date);
  const startBlock = sc.start.block ?? sc.network.start_block;
  let horizonBlocks: number;
  if (sc.horizon.days !== undefined) horizonBlocks = Math.round(sc.horizon.days * BLOCKS_PER_DAY);
  else if (sc.horizon.blocks !== undefined) horizonBlocks = sc.horizon.blocks;
  else {
    const endMs = parseIsoDate(sc.horizon.until!);
    horizonBlocks = Math.round(((endMs - startMs) / MS_PER_DAY) * BLOCKS_PER_DAY);
    if (horizonBlocks <= 0) push(["horizon", "until"], `the end date ${sc.horizon.until} is not after the start date ${sc.start.date}`);
    if (horizonBlocks > MAX_HORIZON_DAYS * BLOCKS_PER_DAY) push(["horizon", "until"], "the horizon is longer than 200 years");
  }
  const days = Math.ceil(horizonBlocks / BLOCKS_PER_DAY);

  // Price path.
  const baseDir = dirname(loaded.files[0] ?? ".");
  const price = buildPricePath({
    spec: sc.token.price,
    days: Math.max(0, days),
    startMs,
    startBlock,
    rng: stream(sc.seed, "process/price"),
    resolvePath: (p) => resolveScenarioRef(p, baseDir, loaded.roots, "price file", [".csv"], MAX_DATA_BYTES),
    at: (key) => at(key ? ["token", "price", key] : ["token", "price"]),
  });
  if (price.ok === false) issues.push(...price.issues);

  // Populations.
  const hp = sc.network.hyperparameters;
  const groups: PopulationGroup[] = [];
  const kinds = sc.populations;
  const count = (k: AgentKind) => Object.values(kinds[k]).reduce((s, g) => s + g.count, 0);
  const columnsOf = (kind: AgentKind, strategy: string, params: Record<string, unknown>) =>
    findStrategy(kind, strategy)?.columns?.(params as never) ?? {};
  // A miner group's agents are models; a sybil model occupies uids_per_model uids (miner records).
  const uidsPer = (g: { strategy: string; params: Record<string, unknown> }) => Math.max(1, columnsOf("miners", g.strategy, g.params).uids_per_model ?? 1);
  const nM = Object.values(kinds.miners).reduce((s, g) => s + g.count * uidsPer(g), 0);
  const nV = count("validators");
  const nS = count("stakers");
  // Resource cap, checked before any allocation: every agent costs ~40–80 bytes of columns.
  if (nM + nV + nS > MAX_AGENTS) {
    push(["populations"], `the populations hold ${(nM + nV + nS).toLocaleString("en-US")} agents (miner uids, validators and stakers); at most ${MAX_AGENTS.toLocaleString("en-US")} are accepted`);
    return { ok: false, issues };
  }
  const miners = { n: nM, group: new Int32Array(nM), quality: new Float64Array(nM), stake_tao: new Float64Array(nM), subnet: new Int32Array(nM), quality_drift: new Float64Array(nM), cartel: new Uint8Array(nM), cost_usd_per_day: new Float64Array(nM), model: new Int32Array(nM), sybil: new Uint8Array(nM) };
  const validators = { n: nV, group: new Int32Array(nV), stake_tao: new Float64Array(nV), take_frac: new Float64Array(nV), cartel: new Uint8Array(nV), copier: new Uint8Array(nV) };
  const stakers = { n: nS, group: new Int32Array(nS), stake_tao: new Float64Array(nS), validator: new Int32Array(nS), compound: new Uint8Array(nS) };

  const sample = (kind: AgentKind, name: string, key: string, spec: ValueSpec, n: number, rng: Rng, b: ValueBounds, into: Float64Array, offset: number) => {
    const r = sampleValues(spec, n, rng, b);
    if (typeof r === "string") push(["populations", kind, name, key], r);
    else into.set(r, offset);
  };

  let off = 0;
  for (const [name, g] of Object.entries(kinds.miners)) {
    const gi = groups.length;
    const k = uidsPer(g);
    const n = g.count * k;
    groups.push({ kind: "miners", name, strategy: g.strategy, params: Object.freeze({ ...g.params }), start: off, end: off + n });
    // Per model: quality, stake and cost (drawn once per model, from the group's streams).
    const rng = stream(sc.seed, `agents/miners/${name}`);
    const q = new Float64Array(g.count);
    const stake = new Float64Array(g.count);
    const cost = new Float64Array(g.count);
    sample("miners", name, "quality", g.quality as ValueSpec, g.count, rng, { min: 0, what: "quality" }, q, 0);
    sample("miners", name, "stake_tao", g.stake_tao as ValueSpec, g.count, rng, { min: 0, what: "stake_tao" }, stake, 0);
    sample("miners", name, "cost_usd_per_day", g.cost_usd_per_day as ValueSpec, g.count, stream(sc.seed, `agents/miners/${name}/cost`), { min: 0, what: "cost_usd_per_day" }, cost, 0);
    const nets = g.subnets ?? Array.from({ length: sc.network.subnets }, (_, s) => s);
    const bad = nets.find((s) => s >= sc.network.subnets);
    if (g.count > 0 && sc.network.subnets === 0) push(["populations", "miners", name, "count"], "miners need subnets: network.subnets is 0");
    else if (bad !== undefined) push(["populations", "miners", name, "subnets"], `subnet ${bad} does not exist (network.subnets is ${sc.network.subnets})`);
    const mcols = columnsOf("miners", g.strategy, g.params);
    for (let m = 0; m < g.count; m++) {
      for (let c = 0; c < k; c++) {
        const i = off + m * k + c;
        miners.quality[i] = q[m]!;
        // Stake and running cost of the model are split over its uids.
        miners.stake_tao[i] = stake[m]! / k;
        miners.cost_usd_per_day[i] = cost[m]! / k;
        miners.subnet[i] = nets.length > 0 ? nets[m % nets.length]! : 0;
        miners.model[i] = off + m * k;
        miners.sybil[i] = k > 1 ? 1 : 0;
      }
    }
    miners.quality_drift.fill(mcols.quality_drift ?? 0, off, off + n);
    miners.cartel.fill(mcols.cartel ?? 0, off, off + n);
    miners.group.fill(gi, off, off + n);
    if (g.sell_frac !== undefined) ((miners as { sell_frac?: Float64Array }).sell_frac ??= new Float64Array(nM)).fill(g.sell_frac, off, off + n);
    off += n;
  }
  off = 0;
  for (const [name, g] of Object.entries(kinds.validators)) {
    const gi = groups.length;
    groups.push({ kind: "validators", name, strategy: g.strategy, params: Object.freeze({ ...g.params }), start: off, end: off + g.count });
    const rng = stream(sc.seed, `agents/validators/${name}`);
    sample("validators", name, "stake_tao", g.stake_tao as ValueSpec, g.count, rng, { min: 0, what: "stake_tao" }, validators.stake_tao, off);
    sample("validators", name, "take_frac", g.take_frac as ValueSpec, g.count, rng, { min: 0, max: 0.18, what: "take_frac (MaxDelegateTake is 18%)" }, validators.take_frac, off);
    const vcols = columnsOf("validators", g.strategy, g.params);
    validators.cartel.fill(vcols.cartel ?? 0, off, off + g.count);
    validators.copier.fill(vcols.copier ?? 0, off, off + g.count);
    validators.group.fill(gi, off, off + g.count);
    if (g.sell_frac !== undefined) ((validators as { sell_frac?: Float64Array }).sell_frac ??= new Float64Array(nV)).fill(g.sell_frac, off, off + g.count);
    off += g.count;
  }
  off = 0;
  for (const [name, g] of Object.entries(kinds.stakers)) {
    const gi = groups.length;
    groups.push({ kind: "stakers", name, strategy: g.strategy, params: Object.freeze({ ...g.params }), start: off, end: off + g.count });
    const rng = stream(sc.seed, `agents/stakers/${name}`);
    sample("stakers", name, "stake_tao", g.stake_tao as ValueSpec, g.count, rng, { min: 0, what: "stake_tao" }, stakers.stake_tao, off);
    if (g.count > 0 && nV === 0) push(["populations", "stakers", name, "count"], "stakers need validators to delegate to");
    else if (g.count > 0) {
      const w = g.delegate_to === "uniform" ? new Float64Array(nV).fill(1) : validators.stake_tao;
      const pick = makePicker(w, rng);
      for (let i = 0; i < g.count; i++) stakers.validator[off + i] = pick();
    }
    const cols = columnsOf("stakers", g.strategy, g.params);
    stakers.compound.fill(cols.compound ?? 1, off, off + g.count);
    stakers.group.fill(gi, off, off + g.count);
    off += g.count;
  }

  const demand = sc.network.task_demand_per_day;
  if (Array.isArray(demand) && demand.length !== sc.network.subnets) {
    push(["network", "task_demand_per_day"], `gives ${demand.length} values for ${sc.network.subnets} subnets`);
  }
  const taskDemand = new Float64Array(sc.network.subnets);
  if (typeof demand === "string") {
    const e = compileExpr(demand, ["s", "n"]);
    if (e.ok === false) push(["network", "task_demand_per_day"], e.message);
    else {
      for (let s = 0; s < taskDemand.length; s++) {
        const v = e.expr.tryEvaluate({ s, n: taskDemand.length });
        if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
          push(["network", "task_demand_per_day"], `the expression must give a number ≥ 0; subnet ${s} gets ${typeof v === "number" ? v : v.error}`);
          break;
        }
        taskDemand[s] = v;
      }
    }
  } else for (let s = 0; s < taskDemand.length; s++) taskDemand[s] = Array.isArray(demand) ? (demand[s] ?? 0) : demand;

  // Capacity: every subnet holds its miners plus one uid per validator (validators sit on every
  // subnet). With registration on, miners beyond the capacity wait and register when it pays.
  if (sc.network.subnets > 0 && nV >= hp.max_allowed_uids && nM > 0) {
    push(["populations", "validators"], `${nV} validators leave no miner uid on a subnet of max_allowed_uids ${hp.max_allowed_uids}`);
  } else if (sc.network.subnets > 0 && !sc.network.registration.enabled) {
    const perSubnet = new Int32Array(sc.network.subnets);
    for (let i = 0; i < nM; i++) perSubnet[miners.subnet[i]!]!++;
    for (let s = 0; s < perSubnet.length; s++) {
      const uids = perSubnet[s]! + nV;
      if (uids > hp.max_allowed_uids) {
        push(["populations", "miners"], `subnet ${s} would hold ${uids} uids (${perSubnet[s]} miners + ${nV} validators) but max_allowed_uids is ${hp.max_allowed_uids}`);
        break;
      }
    }
  }

  // Stake cannot exceed what exists.
  let staked = 0;
  for (const a of [miners.stake_tao, validators.stake_tao, stakers.stake_tao]) for (let i = 0; i < a.length; i++) staked += a[i]!;
  if (staked > sc.token.initial_issuance_tao * (1 + 1e-12)) {
    push(["token", "initial_issuance_tao"], `the populations stake ${staked.toFixed(3)} TAO, more than the ${sc.token.initial_issuance_tao} TAO issued`);
  }

  const eras = compileEras(sc, loaded.raw, startMs, startBlock, push);
  const dtaoPerSubnet = compileDtao(sc, staked, push, eras);

  if (issues.length > 0 || !price.ok) return { ok: false, issues };

  const hash = createHash("sha256").update(canonicalJson(sc)).digest("hex");
  return {
    ok: true,
    value: Object.freeze({
      name: sc.name,
      description: sc.description,
      hash,
      seed: sc.seed,
      scenario: sc,
      start_ms: startMs,
      start_block: startBlock,
      horizon_blocks: horizonBlocks,
      record_every_blocks: sc.record.every_blocks,
      initial_issuance_tao: sc.token.initial_issuance_tao,
      recycle_frac: sc.token.recycle_frac,
      price_usd_by_day: price.path,
      subnets: sc.network.subnets,
      hyper: Object.freeze({ ...hp }),
      subnet_emission: sc.network.subnet_emission,
      era: eras ? eras[0]!.era : sc.network.era,
      ...(eras ? { eras } : {}),
      consensus: sc.network.consensus,
      registration: sc.network.registration.enabled,
      task_demand_per_day: taskDemand,
      populations: { groups, miners, validators, stakers },
      ...(dtaoPerSubnet ? { dtao_per_subnet: dtaoPerSubnet } : {}),
    }),
  };
}
