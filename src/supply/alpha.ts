/**
 * Subnet alpha supply (dTAO): when does a subnet's alpha emission halve?
 *
 * Every subnet has its own alpha token, and its per-block emission follows the TAO halving rule
 * applied to the subnet's own alpha issuance (spec §3, §5.2–5.3):
 *
 *     A        = SubnetAlphaIn + SubnetAlphaOut      the subnet's alpha issuance
 *     α_em     = E(A)                                subtensor `coinbase/block_emission.rs ::
 *                                                    get_block_emission_for_issuance` (block-emission.ts;
 *                                                    alpha has the same 9 decimals and 21M cap):
 *                                                    1 alpha/block below 10.5M, ½ below 15.75M, ¼ below
 *                                                    18.375M, …, 0 at 21M
 *     α_out    = α_em                                minted every block (`run_coinbase.rs :: emit_to_subnets`)
 *     α_in     = min(f, rp(A)) · α_em                injected into the pool. f = α_in/α_em ∈ [0, 1] stands
 *                                                    for τ_i/p_i (f = 1: the "2 alpha per block" bound,
 *                                                    eras C/D/E cap α_in at α_em). With a root stake R, era F
 *                                                    caps it at rp(A) = w·R/(w·R + A) (w = TaoWeight),
 *                                                    evaluated on A at the start of the block
 *     recycled = r · α_out                           recycle_subnet_alpha: root dividends while Σ p̄ ≤ 1,
 *                                                    burned miner incentive, registration burns, …
 *     A       ← A + α_in + (1 − r) · α_out
 *
 * So A grows by between (1 − r)·α_em and (2 − r)·α_em per block; recycling lowers it and delays
 * each halving. The halvings fall at A = 21M·(1 − 2^−k): 10.5M, 15.75M, 18.375M, 19.6875M, …
 *
 * Stepping, exact at each threshold θ: while the rate is constant (no root cap, or rp(A) ≥ f) a span
 * is closed form, g = (f' + 1 − r)·α_em per block and ceil((θ − A)/g) blocks still paid at the old
 * rate. Under the rp cap the rate falls with A every block, so those blocks are stepped one at a time
 * (A_{n+1} = A_n + (1 − r)·α_em + α_em·wR/(wR + A_n)); rp only falls, so once the cap binds it binds
 * for good.
 */
import { blockEmissionTao, halvingIndex, halvingThresholdRao, TOTAL_SUPPLY_TAO } from "./block-emission.js";
import { BLOCK_SECONDS, BLOCKS_PER_YEAR, isoDate, parseIsoDate, raoToTao, taoToRao } from "../units.js";

/** Mainnet TaoWeight (spec §5.5: raw 3,320,413,933,267,719,290 / (2^64 − 1)). */
export const MAINNET_TAO_WEIGHT = 0.18;

export interface AlphaSupplyParams {
  /** α_in/α_em ∈ [0, 1]: the injection the TAO emission would buy (τ_i/p_i over α_em); default 1. */
  alpha_in_frac?: number;
  /** TAO staked on root (R). When given, α_in is capped at rp·α_em (era F). */
  root_stake_tao?: number;
  /** TaoWeight w ∈ [0, 1] for the rp cap (default 0.18, mainnet). */
  tao_weight?: number;
  /** Share of α_out recycled out of the subnet's issuance ∈ [0, 1] (default 0). */
  recycle_frac?: number;
}

/** Totals over a span of blocks (alpha). */
export interface AlphaSpan {
  /** α_out minted (gross). */
  alpha_out_alpha: number;
  /** α_in injected into the pool. */
  alpha_in_alpha: number;
  /** α_out recycled out of issuance. */
  recycled_alpha: number;
}

const inRange01 = (x: number) => x >= 0 && x <= 1;

/** Tracks one subnet's alpha issuance A; caches α_em and the next halving threshold. */
export class AlphaClock {
  issuance_alpha: number;
  readonly alpha_in_frac: number;
  readonly recycle_frac: number;
  /** w·R in alpha-issuance units; undefined without a root cap. */
  readonly root_weight: number | undefined;
  /** Cumulative totals since construction. */
  readonly totals: AlphaSpan = { alpha_out_alpha: 0, alpha_in_alpha: 0, recycled_alpha: 0 };
  private em = 0;
  private nextThreshold = 0;

  constructor(issuanceAlpha: number, p: AlphaSupplyParams = {}) {
    const f = p.alpha_in_frac ?? 1;
    const r = p.recycle_frac ?? 0;
    const w = p.tao_weight ?? MAINNET_TAO_WEIGHT;
    if (!(issuanceAlpha >= 0 && issuanceAlpha <= TOTAL_SUPPLY_TAO)) throw new RangeError(`alpha issuance must be in [0, 21e6]: ${issuanceAlpha}`);
    if (!inRange01(f)) throw new RangeError(`alpha_in_frac must be in [0, 1]: ${f}`);
    if (!inRange01(r)) throw new RangeError(`recycle_frac must be in [0, 1]: ${r}`);
    if (!inRange01(w)) throw new RangeError(`tao_weight must be in [0, 1]: ${w}`);
    if (p.root_stake_tao !== undefined && !(p.root_stake_tao >= 0 && Number.isFinite(p.root_stake_tao))) throw new RangeError(`root_stake_tao must be ≥ 0: ${p.root_stake_tao}`);
    this.issuance_alpha = issuanceAlpha;
    this.alpha_in_frac = f;
    this.recycle_frac = r;
    this.root_weight = p.root_stake_tao === undefined ? undefined : w * p.root_stake_tao;
    this.refresh();
  }

  /** α_em: alpha minted as α_out per block at the current issuance. */
  get alpha_emission_alpha(): number {
    return this.em;
  }

  /** Issuance at which α_em next halves (Infinity at the cap). */
  get next_threshold_alpha(): number {
    return this.nextThreshold;
  }

  /** rp(A) = wR/(wR + A) at the current issuance (1 without a root cap; 0 when wR = A = 0). */
  get root_prop(): number {
    return rootProp(this.root_weight, this.issuance_alpha);
  }

  /** α_in/α_em this block: min(f, rp). */
  get injection_frac(): number {
    return Math.min(this.alpha_in_frac, this.root_prop);
  }

  /** Net growth of A this block. */
  get net_alpha_per_block(): number {
    return this.em * (this.injection_frac + 1 - this.recycle_frac);
  }

  /** False when A can never reach another threshold (α_em = 0, or nothing left after recycling). */
  get growing(): boolean {
    if (this.em <= 0 || !Number.isFinite(this.nextThreshold)) return false;
    // Under the rp cap with wR > 0, α_in stays positive (if small) for ever.
    return this.net_alpha_per_block > 0 || (this.root_weight !== undefined && this.root_weight > 0 && this.alpha_in_frac > 0);
  }

  private refresh(): void {
    this.em = blockEmissionTao(this.issuance_alpha);
    const k = halvingIndex(taoToRao(this.issuance_alpha));
    this.nextThreshold = Number.isFinite(k) ? raoToTao(halvingThresholdRao(k + 1)) : Infinity;
  }

  /**
   * Advance at most `maxBlocks` blocks, stopping right after the block whose minting crosses the
   * next halving threshold. Returns the number of blocks advanced.
   */
  step(maxBlocks: number): number {
    if (maxBlocks <= 0) return 0;
    const em = this.em;
    if (em <= 0) return maxBlocks;
    const f = this.alpha_in_frac;
    const r = this.recycle_frac;
    const c = this.root_weight;
    const A0 = this.issuance_alpha;
    const theta = this.nextThreshold;
    let n: number;
    if (c === undefined || c === 0 || f === 0 || rootProp(c, A0) >= f) {
      // Constant rate: α_in = f'·α_em with f' = f (cap not binding) or 0 (wR = 0 or f = 0).
      const fEff = c === 0 ? 0 : f;
      const g = em * (fEff + 1 - r);
      if (g <= 0) return this.account(maxBlocks, 0, em), maxBlocks;
      n = Math.min(maxBlocks, Math.max(1, Math.ceil((theta - A0) / g)));
      if (c !== undefined && c > 0 && f > 0) {
        // The cap starts to bind once A > A* = wR(1 − f)/f: blocks that start at A ≤ A* keep rate g.
        const aStar = (c * (1 - f)) / f;
        n = Math.min(n, Math.max(1, Math.floor((aStar - A0) / g) + 1));
      }
      this.issuance_alpha = Math.min(TOTAL_SUPPLY_TAO, A0 + n * g);
      this.account(n, n * fEff * em, em);
    } else {
      // rp(A) < f: α_in = α_em·wR/(wR + A), one block at a time.
      const a = em * (1 - r);
      const k = em * c;
      let A = A0;
      n = 0;
      while (n < maxBlocks && A < theta) {
        A += a + k / (c + A);
        n++;
      }
      this.issuance_alpha = Math.min(TOTAL_SUPPLY_TAO, A);
      this.account(n, A - A0 - n * a, em);
    }
    if (this.issuance_alpha >= theta) this.refresh();
    return n;
  }

  /** Advance `blocks` blocks (across any number of halvings); returns that span's totals. */
  advance(blocks: number): AlphaSpan {
    const before = { ...this.totals };
    let left = blocks;
    while (left > 0) left -= this.step(left);
    return {
      alpha_out_alpha: this.totals.alpha_out_alpha - before.alpha_out_alpha,
      alpha_in_alpha: this.totals.alpha_in_alpha - before.alpha_in_alpha,
      recycled_alpha: this.totals.recycled_alpha - before.recycled_alpha,
    };
  }

  private account(blocks: number, injected: number, em: number): void {
    this.totals.alpha_out_alpha += blocks * em;
    this.totals.alpha_in_alpha += injected;
    this.totals.recycled_alpha += blocks * em * this.recycle_frac;
  }
}

function rootProp(c: number | undefined, A: number): number {
  if (c === undefined) return 1;
  return c + A > 0 ? c / (c + A) : 0;
}

export interface AlphaHalvingEvent {
  /** Absolute halving index: 1 for 10.5M (α_em 1 → ½), 2 for 15.75M, … */
  halving: number;
  /** Issuance threshold crossed (alpha). */
  issuance_alpha: number;
  /** α_em after the halving (alpha/block). */
  alpha_emission_alpha: number;
  /** Blocks from the start until the first block paid at the new rate. */
  blocks_from_start: number;
  /** Absolute block number (start block + blocks_from_start). */
  block: number;
  /** ISO date of that block (UTC, 12 s blocks). */
  date: string;
  days_from_start: number;
}

export interface AlphaYearRow {
  /** Years of 365 days (2,628,000 blocks) from the start. */
  year: number;
  block: number;
  date: string;
  issuance_alpha: number;
  alpha_emission_alpha: number;
  /** Totals since the start. */
  alpha_out_alpha: number;
  alpha_in_alpha: number;
  recycled_alpha: number;
}

export interface AlphaHalvingSchedule {
  start_date: string;
  start_block: number;
  issuance_alpha: number;
  alpha_in_frac: number;
  root_stake_tao: number | null;
  tao_weight: number | null;
  recycle_frac: number;
  /** At the start: α_em, α_in (alpha/block), rp (null without a root cap), net issuance per day. */
  alpha_emission_alpha: number;
  alpha_in_alpha_per_block: number;
  root_prop: number | null;
  net_issuance_alpha_per_day: number;
  halvings: AlphaHalvingEvent[];
  years: AlphaYearRow[];
}

export interface AlphaHalvingQuery extends AlphaSupplyParams {
  issuance_alpha: number;
  /** Start date (YYYY-MM-DD). */
  date: string;
  start_block?: number;
  /** Length of the yearly path (default 10); halvings inside it are all listed. */
  years?: number;
  /** List at least this many halvings even past `years` (default 4), within `max_years`. */
  min_halvings?: number;
  /** Never look further than this (default 50 years, or `years` if longer). */
  max_years?: number;
}

/** Halvings of a subnet's alpha emission and its yearly issuance path. */
export function alphaHalvingSchedule(q: AlphaHalvingQuery): AlphaHalvingSchedule {
  const startMs = parseIsoDate(q.date);
  if (Number.isNaN(startMs)) throw new RangeError(`not a date (YYYY-MM-DD): ${q.date}`);
  const years = q.years ?? 10;
  if (!(Number.isInteger(years) && years >= 0)) throw new RangeError(`years must be an integer ≥ 0: ${years}`);
  const minH = q.min_halvings ?? 4;
  const maxYears = Math.max(years, q.max_years ?? 50);
  const startBlock = q.start_block ?? 0;
  const clock = new AlphaClock(q.issuance_alpha, q);
  const capped = q.root_stake_tao !== undefined;
  const out: AlphaHalvingSchedule = {
    start_date: q.date,
    start_block: startBlock,
    issuance_alpha: q.issuance_alpha,
    alpha_in_frac: clock.alpha_in_frac,
    root_stake_tao: capped ? q.root_stake_tao! : null,
    tao_weight: capped ? (q.tao_weight ?? MAINNET_TAO_WEIGHT) : null,
    recycle_frac: clock.recycle_frac,
    alpha_emission_alpha: clock.alpha_emission_alpha,
    alpha_in_alpha_per_block: clock.alpha_emission_alpha * clock.injection_frac,
    root_prop: capped ? clock.root_prop : null,
    net_issuance_alpha_per_day: clock.net_alpha_per_block * (86_400 / BLOCK_SECONDS),
    halvings: [],
    years: [],
  };
  const dateOf = (blocks: number) => isoDate(startMs + blocks * BLOCK_SECONDS * 1000);
  let blocks = 0;
  let year = 1;
  const horizon = maxYears * BLOCKS_PER_YEAR;
  const wantMore = () => year <= years || (out.halvings.length < minH && clock.growing);
  while (wantMore() && blocks < horizon) {
    const nextMark = Math.min(year <= years ? year * BLOCKS_PER_YEAR : horizon, horizon);
    const em = clock.alpha_emission_alpha;
    const threshold = clock.next_threshold_alpha;
    blocks += clock.step(nextMark - blocks);
    if (clock.alpha_emission_alpha !== em) {
      out.halvings.push({
        halving: halvingIndex(taoToRao(threshold)),
        issuance_alpha: threshold,
        alpha_emission_alpha: clock.alpha_emission_alpha,
        blocks_from_start: blocks,
        block: startBlock + blocks,
        date: dateOf(blocks),
        days_from_start: (blocks * BLOCK_SECONDS) / 86_400,
      });
    }
    if (year <= years && blocks === year * BLOCKS_PER_YEAR) {
      out.years.push({
        year,
        block: startBlock + blocks,
        date: dateOf(blocks),
        issuance_alpha: clock.issuance_alpha,
        alpha_emission_alpha: clock.alpha_emission_alpha,
        ...clock.totals,
      });
      year++;
    }
  }
  return out;
}
