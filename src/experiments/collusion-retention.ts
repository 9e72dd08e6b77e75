/**
 * T7 — Yuma collusion retention: how much honest utility W_H an honest stake majority S_H needs
 * so that, against a unified cabal holding 1 − S_H that picks its self-weight W_C adversarially,
 * one epoch of classic Yuma Consensus pays the honest side at least its stake share.
 * (The game of subtensor `docs/consensus.md`, "Game-theoretic framework" and "Monte Carlo
 * simulations"; restated here in this module's own notation.)
 *
 * Network (one Monte Carlo sample). N uids (512), the first V (64) are validators, the rest are
 * M = N − V miners. Side sizes follow the honest stake share:
 *     V_H = clamp(⌊S_H·V⌋, 1, V − 1)   honest validators: uids 0 … V_H − 1, cabal: V_H … V − 1
 *     M_H = clamp(⌊S_H·M⌋, 1, M − 1)   honest miners: uids V … V + M_H − 1, cabal: the rest
 * (⌊·⌋ and the clamp "at least one validator and one miner on each side" follow the document's
 * network sizing; floor, not round, is our reading — at S_H = 0.51 both sides get 32 validators.)
 * Stake, validators only: s'_i = max(0, 1 + σ_S·z), σ_S = 0.3, normalised within each side and
 * scaled to the side's share:  S_i = S_H·s'_i/Σ_{H_V} s'  (honest),  (1 − S_H)·s'_i/Σ_{C_V} s' (cabal).
 * Weights: every validator weights every miner; w'_ij = max(0, 1 + σ·z), σ = 0.4 (σ is relative
 * to the mean weight), normalised within each (validator side × miner side) block of row i and
 * scaled by that block's share:
 *     honest i: W_H on honest miners, 1 − W_H on cabal miners;
 *     cabal  i: 1 − W_C on honest miners,   W_C on cabal miners.
 * A block whose draws all clip to 0 stays all zero (as does a side whose stakes all clip to 0).
 * The rows are handed to the chain's `set_weights` as these fractions; the subnet's max-upscale
 * to u16 is the only quantisation.
 *
 * Epoch. YumaSubnet (src/yuma/subnet.ts, the chain-faithful `epoch_mechanism`) with
 * bond_model "classic"; κ exactly as given (not the chain's 32767/65535 for 0.5); the given β;
 * stake_threshold 0 (every validator with stake is permitted and active); bonds_moving_average 0
 * (EMA rate a = 1, so the bonds are this epoch's ΔB = colnorm(W̃ ⊙ A) alone — "bonds from this
 * epoch only"); max_allowed_validators = V. Emission per uid with the validator share ξ (ξ = 0.5
 * is the chain's own (I + D)/Σ(I + D), since I and D each sum to 1):
 *     E_i = ξ·D_i + (1 − ξ)·I_i,    E_H = Σ_{i ∈ H_V ∪ H_M} E_i.
 * Blocks: everything registers at block 0; a setup epoch at block tempo + 1 issues the validator
 * permits (an epoch uses the previous epoch's permits); weights are set and the measured epoch
 * runs at block 3·tempo, late enough that neither the outdated-weights rule (last_update ≤
 * registration) nor the bond mask for columns registered within the last tempo applies. One
 * subnet serves every (W_H, W_C) of a sample: each evaluation re-sets all V weight rows at the same
 * block, the stake and hence the permits never change, and with a = 1 the stored bonds of the
 * previous evaluation get weight 1 − a = 0 — a reused subnet gives exactly the result of a fresh
 * one (checked in the tests).
 *
 * Randomness. Sample k of root seed r draws from stream(r, "experiments/collusion-retention/
 * sample-k"): honest validators' stakes, cabal validators' stakes, then per validator (uid order)
 * its honest-miner block and its cabal-miner block. The stream does not depend on S_H, W_H or W_C
 * (common random numbers): within a sample, every (W_H, W_C) sees the same stakes and the same
 * noise (subtensor's own Monte Carlo test likewise redraws from one fixed seed at every grid
 * point), so E_H is a smooth function of the weights.
 *
 * Retention and the search. The honest side retains when Ē_H ≥ S_H, where Ē_H is E_H averaged
 * over the samples at that grid point (average first, then search). Grid: W_H, W_C ∈ {0, h, 2h,
 * …, 1} with step h (1/h an integer). For each W_C, w*(W_C) = the smallest grid W_H with
 * Ē_H(W_H, W_C) ≥ S_H, found by bisection, which assumes Ē_H is non-decreasing in W_H at fixed
 * W_C (more honest weight on honest miners never lowers the honest emission; checked against a
 * full scan in the tests). Required W_H = max over W_C of w*(W_C): the smallest grid W_H that
 * retains against every W_C, hence against the worst one. None (null) when some W_C keeps the
 * honest side below S_H even at W_H = 1; the worst W_C is then the one minimising Ē_H at W_H = 1.
 * Otherwise the worst W_C is the cabal's best reply: the W_C whose retention contour Ē_H = S_H lies
 * furthest right, read by linear interpolation of Ē_H between w*(W_C) − h and w*(W_C) (ties: the
 * smaller W_C); that interpolated crossing is also reported (required_honest_utility_interp_frac),
 * the sub-grid reading the document's figures show.
 * Cost: bisection, warm-started from the largest w* so far (a column only needs Ē_H at that w* and
 * one step below unless it raises the maximum), is ≈ 500–750 epochs per S_H with 5 samples
 * instead of the full grid's 13,005.
 *
 * Besides the experiment, readRetentionBaseline reads the published curve (the shared spec data
 * beside the repository) for comparison; the experiment itself does no I/O.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot, sharedDir } from "../paths.js";
import { normal01, stream } from "../rng.js";
import { YumaSubnet, type EpochOutputs } from "../yuma/subnet.js";
import { yumaSettings, type YumaSettings } from "../yuma/settings.js";

export interface CollusionNetworkOptions {
  /** κ: the share of active stake that must support a miner's consensus weight. */
  kappa?: number;
  /** Bonds penalty β ∈ [0, 1]. */
  bonds_penalty?: number;
  /** Validator share ξ of emission: E = ξ·D + (1 − ξ)·I. */
  xi?: number;
  /** Weight noise σ relative to the mean weight. */
  sigma?: number;
  /** Stake noise σ_S relative to the mean stake. */
  stake_sigma?: number;
  /** Total uids N (validators included). */
  uids?: number;
  /** Validators V (the first V uids). */
  validators?: number;
}

export interface CollusionRetentionOptions extends CollusionNetworkOptions {
  /** One honest stake share S_H ∈ (0, 1), or a list. */
  honest_stake_frac: number | readonly number[];
  /** Monte Carlo samples averaged per grid point. */
  seeds?: number;
  /** Grid step h of W_H and W_C (1/h must be an integer). */
  grid_step?: number;
  /** Root seed. */
  seed?: number;
  /** Called after each S_H point. */
  onProgress?: (p: { done: number; total: number; point: RetentionPoint; epochs: number }) => void;
}

export interface RetentionPoint {
  honest_stake_frac: number;
  /** Smallest grid W_H retaining S_H against every W_C; null when even W_H = 1 does not. */
  required_honest_utility_frac: number | null;
  /** The retention contour's rightmost point, linearly interpolated between grid points. */
  required_honest_utility_interp_frac: number | null;
  /** The cabal's best reply W_C (where the required W_H is attained). */
  worst_cabal_utility_frac: number;
  retained: boolean;
  /** Seed-averaged E_H at (required W_H, worst W_C) (at W_H = 1 when not retained). */
  honest_emission_frac: number;
  /** Yuma epochs run for this point. */
  epochs: number;
}

export interface CollusionRetentionSettings {
  uids: number;
  validators: number;
  kappa: number;
  bonds_penalty: number;
  xi: number;
  sigma: number;
  stake_sigma: number;
  seeds: number;
  grid_step: number;
  seed: number;
}

export interface CollusionRetentionResult {
  points: RetentionPoint[];
  settings: CollusionRetentionSettings;
}

export interface HonestEmission {
  honest_stake_frac: number;
  honest_utility_frac: number;
  cabal_utility_frac: number;
  /** E_H = ξ·D_H + (1 − ξ)·I_H over honest validators and miners. */
  honest_emission_frac: number;
  /** Σ I over honest miners. */
  honest_incentive_frac: number;
  /** Σ D over honest validators. */
  honest_dividends_frac: number;
  /** Σ I over cabal miners. */
  cabal_incentive_frac: number;
  /** Σ_j C_j over cabal miners (consensus weights, each a fraction of a validator's row). */
  cabal_consensus_frac: number;
  validators_honest: number;
  validators_cabal: number;
  miners_honest: number;
  miners_cabal: number;
}

const DEFAULTS = {
  kappa: 0.5,
  bonds_penalty: 1,
  xi: 0.5,
  sigma: 0.4,
  stake_sigma: 0.3,
  uids: 512,
  validators: 64,
  seeds: 5,
  grid_step: 0.02,
  seed: 0,
};

const STREAM = "experiments/collusion-retention";

function check(ok: boolean, msg: string): void {
  if (!ok) throw new RangeError(msg);
}

function networkSettings(o: CollusionNetworkOptions) {
  const s = {
    kappa: o.kappa ?? DEFAULTS.kappa,
    bonds_penalty: o.bonds_penalty ?? DEFAULTS.bonds_penalty,
    xi: o.xi ?? DEFAULTS.xi,
    sigma: o.sigma ?? DEFAULTS.sigma,
    stake_sigma: o.stake_sigma ?? DEFAULTS.stake_sigma,
    uids: o.uids ?? DEFAULTS.uids,
    validators: o.validators ?? DEFAULTS.validators,
  };
  const frac = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
  check(frac(s.kappa), `kappa must be in [0, 1], got ${s.kappa}`);
  check(frac(s.bonds_penalty), `bonds_penalty must be in [0, 1], got ${s.bonds_penalty}`);
  check(frac(s.xi), `xi must be in [0, 1], got ${s.xi}`);
  check(Number.isFinite(s.sigma) && s.sigma >= 0, `sigma must be ≥ 0, got ${s.sigma}`);
  check(Number.isFinite(s.stake_sigma) && s.stake_sigma >= 0, `stake_sigma must be ≥ 0, got ${s.stake_sigma}`);
  check(Number.isInteger(s.validators) && s.validators >= 2, `validators must be an integer ≥ 2, got ${s.validators}`);
  check(Number.isInteger(s.uids) && s.uids >= s.validators + 2, `uids must be an integer ≥ validators + 2, got ${s.uids}`);
  return s;
}

function checkHonestStake(sh: number): void {
  check(Number.isFinite(sh) && sh > 0 && sh < 1, `honest_stake_frac must be in (0, 1), got ${sh}`);
}

/** Side size: ⌊frac·total⌋ kept within [1, total − 1] (+10⁻⁹ so a product that should be an integer is not truncated below it). */
function sideCount(frac: number, total: number): number {
  return Math.min(total - 1, Math.max(1, Math.floor(frac * total + 1e-9)));
}

/**
 * One Monte Carlo sample of the two-sided network at honest stake S_H, ready for epochs at any
 * (W_H, W_C): the subnet with stakes and permits in place and the normalised weight draws.
 */
export class CollusionNetwork {
  readonly honest_stake_frac: number;
  readonly validators_honest: number;
  readonly validators_cabal: number;
  readonly miners_honest: number;
  readonly miners_cabal: number;
  private readonly V: number;
  private readonly M: number;
  private readonly xi: number;
  private readonly subnet: YumaSubnet;
  /** Row i (validator), column k (miner V + k): w'_ik / Σ over its block. */
  private readonly noise: Float64Array;
  private readonly dests: Int32Array;
  private readonly values: Float64Array;
  private readonly block: number;

  constructor(honestStakeFrac: number, seed: number, sample: number, options: CollusionNetworkOptions = {}) {
    checkHonestStake(honestStakeFrac);
    check(Number.isInteger(sample) && sample >= 0, `sample must be an integer ≥ 0, got ${sample}`);
    const s = networkSettings(options);
    const V = s.validators;
    const M = s.uids - V;
    const VH = sideCount(honestStakeFrac, V);
    const MH = sideCount(honestStakeFrac, M);
    this.honest_stake_frac = honestStakeFrac;
    this.validators_honest = VH;
    this.validators_cabal = V - VH;
    this.miners_honest = MH;
    this.miners_cabal = M - MH;
    this.V = V;
    this.M = M;
    this.xi = s.xi;
    const rng = stream(seed, `${STREAM}/sample-${sample}`);

    const stake = new Float64Array(s.uids);
    for (const [from, to, share] of [[0, VH, honestStakeFrac], [VH, V, 1 - honestStakeFrac]] as const) {
      let sum = 0;
      for (let i = from; i < to; i++) sum += stake[i] = Math.max(0, 1 + s.stake_sigma * normal01(rng));
      for (let i = from; i < to; i++) stake[i] = sum > 0 ? (share * stake[i]!) / sum : 0;
    }

    this.noise = new Float64Array(V * M);
    for (let i = 0; i < V; i++) {
      for (const [from, to] of [[0, MH], [MH, M]] as const) {
        const row = i * M;
        let sum = 0;
        for (let k = from; k < to; k++) sum += this.noise[row + k] = Math.max(0, 1 + s.sigma * normal01(rng));
        if (sum > 0) for (let k = from; k < to; k++) this.noise[row + k] = this.noise[row + k]! / sum;
      }
    }

    const tempo = 360;
    const settings: YumaSettings = yumaSettings({
      bond_model: "classic",
      liquid_alpha: false,
      kappa: s.kappa,
      bonds_penalty: s.bonds_penalty,
      bonds_moving_average: 0,
      max_allowed_validators: V,
      activity_cutoff: 10 * tempo,
      tempo,
      stake_threshold: 0,
    });
    this.subnet = new YumaSubnet(s.uids, settings, 0);
    this.subnet.setStake(stake);
    this.subnet.epoch(tempo + 1); // issues the permits the measured epochs use
    this.block = 3 * tempo;
    this.dests = new Int32Array(M);
    for (let k = 0; k < M; k++) this.dests[k] = V + k;
    this.values = new Float64Array(M);
  }

  /** Validator i's weights on the miners (V + k at k) at (W_H, W_C), into `values`. */
  private fillRow(i: number, honestUtilityFrac: number, cabalUtilityFrac: number): void {
    const { M, noise, values } = this;
    const MH = this.miners_honest;
    const onHonest = i < this.validators_honest ? honestUtilityFrac : 1 - cabalUtilityFrac;
    const onCabal = 1 - onHonest;
    const row = i * M;
    for (let k = 0; k < MH; k++) values[k] = onHonest * noise[row + k]!;
    for (let k = MH; k < M; k++) values[k] = onCabal * noise[row + k]!;
  }

  /** For inspection: the weight rows handed to set_weights at (W_H, W_C), V × M row-major (miner k is uid V + k). */
  weightRows(honestUtilityFrac: number, cabalUtilityFrac: number): Float64Array {
    const out = new Float64Array(this.V * this.M);
    for (let i = 0; i < this.V; i++) {
      this.fillRow(i, honestUtilityFrac, cabalUtilityFrac);
      out.set(this.values, i * this.M);
    }
    return out;
  }

  /** For inspection: every uid's outputs of the last epoch (live views, overwritten by the next). */
  get outputs(): EpochOutputs {
    return this.subnet.out;
  }

  /** Set every validator's weights for (W_H, W_C) and run one epoch; E_H and its parts. */
  epoch(honestUtilityFrac: number, cabalUtilityFrac: number): HonestEmission {
    check(Number.isFinite(honestUtilityFrac) && honestUtilityFrac >= 0 && honestUtilityFrac <= 1, `honest utility W_H must be in [0, 1], got ${honestUtilityFrac}`);
    check(Number.isFinite(cabalUtilityFrac) && cabalUtilityFrac >= 0 && cabalUtilityFrac <= 1, `cabal utility W_C must be in [0, 1], got ${cabalUtilityFrac}`);
    const { V, M, values, dests, subnet } = this;
    const VH = this.validators_honest;
    const MH = this.miners_honest;
    for (let i = 0; i < V; i++) {
      this.fillRow(i, honestUtilityFrac, cabalUtilityFrac);
      subnet.setWeights(i, dests, values, this.block);
    }
    const out = subnet.epoch(this.block);
    const I = out.incentive;
    const D = out.dividends;
    let dH = 0;
    for (let i = 0; i < VH; i++) dH += D[i]!;
    let iH = 0;
    for (let j = V; j < V + MH; j++) iH += I[j]!;
    let iC = 0;
    let cC = 0;
    for (let j = V + MH; j < V + M; j++) {
      iC += I[j]!;
      cC += out.consensus[j]!;
    }
    return {
      honest_stake_frac: this.honest_stake_frac,
      honest_utility_frac: honestUtilityFrac,
      cabal_utility_frac: cabalUtilityFrac,
      honest_emission_frac: this.xi * dH + (1 - this.xi) * iH,
      honest_incentive_frac: iH,
      honest_dividends_frac: dH,
      cabal_incentive_frac: iC,
      cabal_consensus_frac: cC,
      validators_honest: VH,
      validators_cabal: this.validators_cabal,
      miners_honest: MH,
      miners_cabal: this.miners_cabal,
    };
  }
}

/**
 * One epoch of Monte Carlo sample `sample` (default 0) of root seed `seed`: the honest emission
 * share E_H at (S_H, W_H, W_C), with the honest incentive and dividend shares and the cabal miners'
 * incentive. collusionRetention({seed, seeds: K}) averages samples 0 … K − 1 of this.
 */
export function honestEmissionShare(
  honestStakeFrac: number,
  honestUtilityFrac: number,
  cabalUtilityFrac: number,
  seed: number,
  options: CollusionNetworkOptions & { sample?: number } = {},
): HonestEmission {
  return new CollusionNetwork(honestStakeFrac, seed, options.sample ?? 0, options).epoch(honestUtilityFrac, cabalUtilityFrac);
}

function checkRetentionOptions(o: CollusionRetentionOptions): CollusionRetentionSettings & { honest: number[] } {
  const net = networkSettings(o);
  const honest = typeof o.honest_stake_frac === "number" ? [o.honest_stake_frac] : [...o.honest_stake_frac];
  check(honest.length > 0, "honest_stake_frac needs at least one value");
  honest.forEach(checkHonestStake);
  const seeds = o.seeds ?? DEFAULTS.seeds;
  check(Number.isInteger(seeds) && seeds >= 1, `seeds must be an integer ≥ 1, got ${seeds}`);
  const step = o.grid_step ?? DEFAULTS.grid_step;
  const cells = Math.round(1 / step);
  check(Number.isFinite(step) && step > 0 && step <= 0.5 && Math.abs(cells * step - 1) < 1e-9, `grid_step must be 1/k for an integer k ≥ 2 (e.g. 0.02), got ${step}`);
  const seed = o.seed ?? DEFAULTS.seed;
  check(Number.isInteger(seed) && seed >= 0, `seed must be an integer ≥ 0, got ${seed}`);
  return { ...net, seeds, grid_step: step, seed, honest };
}

/** Round a grid value k·h to the grid's decimals (0.02·37 → 0.74, not 0.7400000000000001). */
function gridValue(k: number, cells: number): number {
  return Number((k / cells).toFixed(12));
}

/** The search at one S_H over the seed-averaged Ē_H on the (W_H, W_C) grid (see the header). */
function retentionPoint(sh: number, st: CollusionRetentionSettings): RetentionPoint {
  const nets = Array.from({ length: st.seeds }, (_, k) => new CollusionNetwork(sh, st.seed, k, st));
  const G = Math.round(1 / st.grid_step);
  const cache = new Float64Array((G + 1) * (G + 1)).fill(NaN);
  let epochs = 0;
  /** Ē_H at grid indices (h, c), memoised. */
  const E = (h: number, c: number): number => {
    const q = h * (G + 1) + c;
    let v = cache[q]!;
    if (Number.isNaN(v)) {
      v = 0;
      for (const net of nets) v += net.epoch(gridValue(h, G), gridValue(c, G)).honest_emission_frac;
      v /= nets.length;
      epochs += nets.length;
      cache[q] = v;
    }
    return v;
  };
  const retains = (h: number, c: number) => E(h, c) >= sh;
  /** Smallest h in (lo, hi] retaining at c, given lo fails (or is −1) and hi retains. */
  const bisect = (lo: number, hi: number, c: number): number => {
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (retains(mid, c)) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  /** The contour Ē_H = S_H at column c, interpolated between w − 1 (fails) and w (retains). */
  const crossing = (w: number, c: number): number => {
    if (w === 0) return 0;
    const a = E(w - 1, c);
    const b = E(w, c);
    return (w - 1 + (sh - a) / (b - a)) / G;
  };

  let best = -1; // max over the columns seen of w*(c)
  let bestX = -Infinity;
  let worst = 0;
  let unretained = false;
  let lowest = Infinity; // once unretained: min over c of Ē_H(1, c) among the failing columns
  const beaten = (c: number) => {
    // W_C = c beats even W_H = 1: required is none; the worst W_C minimises Ē_H(1, W_C).
    unretained = true;
    if (E(G, c) < lowest) (lowest = E(G, c)), (worst = c);
  };
  for (let c = 0; c <= G; c++) {
    if (unretained) {
      if (!retains(G, c)) beaten(c);
      continue;
    }
    let w: number;
    if (best < 0) {
      if (!retains(G, c)) {
        beaten(c);
        continue;
      }
      w = retains(0, c) ? 0 : bisect(0, G, c);
    } else if (best > 0 && retains(best - 1, c)) continue; // w*(c) < best: cannot be the worst
    else if (retains(best, c)) w = best;
    else {
      // w*(c) > best: gallop up from best, then bisect.
      let lo = best;
      let step = 1;
      let probe = Math.min(G, lo + step);
      while (!retains(probe, c)) {
        if (probe === G) break;
        lo = probe;
        step *= 2;
        probe = Math.min(G, lo + step);
      }
      if (!retains(probe, c)) {
        beaten(c);
        continue;
      }
      w = bisect(lo, probe, c);
    }
    const x = crossing(w, c);
    if (w > best || x > bestX) (best = w), (bestX = x), (worst = c);
  }
  const retained = !unretained;
  return {
    honest_stake_frac: sh,
    required_honest_utility_frac: retained ? gridValue(best, G) : null,
    required_honest_utility_interp_frac: retained ? Number(bestX.toFixed(6)) : null,
    worst_cabal_utility_frac: gridValue(worst, G),
    retained,
    honest_emission_frac: E(retained ? best : G, worst),
    epochs,
  };
}

/**
 * The T7 experiment: for each honest stake share S_H, the smallest grid honest utility W_H that
 * retains S_H (seed-averaged E_H ≥ S_H) against every cabal self-weight W_C, and the cabal's best
 * reply W_C (module header: setup, interpretations and the search).
 */
export function collusionRetention(options: CollusionRetentionOptions): CollusionRetentionResult {
  const { honest, ...settings } = checkRetentionOptions(options);
  const points: RetentionPoint[] = [];
  let epochs = 0;
  for (const sh of honest) {
    const p = retentionPoint(sh, settings);
    points.push(p);
    epochs += p.epochs;
    options.onProgress?.({ done: points.length, total: honest.length, point: p, epochs });
  }
  return { points, settings };
}

// ------------------------------------------------------------------ the published baseline

/** One row of the published retention curve (docs/consensus.md, figure kappa_50.svg). */
export interface RetentionBaselineRow {
  kappa: number;
  bonds_penalty: number;
  xi: number;
  sigma: number;
  honest_stake_frac: number;
  required_honest_utility_frac: number;
  worst_cabal_utility_frac: number;
}

/** The published baseline CSV: <shared>/spec/data/yuma_required_honest_utility_baseline.csv (paths.ts :: sharedDir). */
export function retentionBaselinePath(): string {
  return join(sharedDir() ?? join(packageRoot(), "..", "shared"), "spec", "data", "yuma_required_honest_utility_baseline.csv");
}

/** Read the published baseline; undefined when the file is absent. */
export function readRetentionBaseline(file: string = retentionBaselinePath()): RetentionBaselineRow[] | undefined {
  if (!existsSync(file)) return undefined;
  const [header, ...lines] = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const cols = header!.split(",").map((c) => c.trim());
  const at = (name: string) => {
    const k = cols.indexOf(name);
    if (k < 0) throw new Error(`${file}: no column "${name}"`);
    return k;
  };
  const k = {
    kappa: at("kappa"),
    beta: at("bonds_penalty"),
    xi: at("xi"),
    sigma: at("sigma_w_over_mu"),
    sh: at("S_H"),
    wh: at("required_W_H_worst_case"),
    wc: at("W_C_at_worst_case"),
  };
  return lines
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const f = l.split(",").map(Number);
      return {
        kappa: f[k.kappa]!,
        bonds_penalty: f[k.beta]!,
        xi: f[k.xi]!,
        sigma: f[k.sigma]!,
        honest_stake_frac: f[k.sh]!,
        required_honest_utility_frac: f[k.wh]!,
        worst_cabal_utility_frac: f[k.wc]!,
      };
    });
}

/** The baseline row for S_H under the same κ, β, ξ and σ (none when the settings differ). */
export function findBaseline(
  rows: readonly RetentionBaselineRow[] | undefined,
  honestStakeFrac: number,
  s: Pick<CollusionRetentionSettings, "kappa" | "bonds_penalty" | "xi" | "sigma">,
): RetentionBaselineRow | undefined {
  const eq = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  return rows?.find(
    (r) => eq(r.honest_stake_frac, honestStakeFrac) && eq(r.kappa, s.kappa) && eq(r.bonds_penalty, s.bonds_penalty) && eq(r.xi, s.xi) && eq(r.sigma, s.sigma),
  );
}
