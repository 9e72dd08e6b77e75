/**
 * Issuance stepping over many blocks at once, exact at halving boundaries.
 *
 * Per block (spec §3, pre-dTAO `burn_tokens` and current `recycle_tao`):
 *     E      = E(I)                 gross TAO minted this block (halving rule, block-emission.ts)
 *     R      = f · E                recycled: removed from TotalIssuance again (f = recycle_frac)
 *     I     ← I + E − R
 * Over a span of b blocks the rate is constant until I reaches the next threshold
 * θ_k = T·(1 − 2^−(k+1)); the number of blocks still paid at the old rate is ceil((θ_k − I)/(E − R)),
 * so a halving that falls inside a span changes the rate at the exact block it happens.
 */
import { blockEmissionTao, halvingIndex, halvingThresholdRao, TOTAL_SUPPLY_TAO } from "./block-emission.js";
import { raoToTao, taoToRao } from "../units.js";

export interface SupplySpan {
  /** Gross TAO minted during the span. */
  emitted_tao: number;
  /** TAO recycled out of issuance during the span. */
  recycled_tao: number;
}

/** Tracks TotalIssuance in TAO; caches the current block emission and the next threshold. */
export class SupplyClock {
  issuance_tao: number;
  recycle_frac: number;
  private blockEmission = 0;
  private nextThreshold = 0;

  constructor(initialIssuanceTao: number, recycleFrac: number) {
    if (!(recycleFrac >= 0 && recycleFrac <= 1)) throw new RangeError(`recycle_frac must be in [0, 1]: ${recycleFrac}`);
    this.issuance_tao = initialIssuanceTao;
    this.recycle_frac = recycleFrac;
    this.refresh();
  }

  /** Change the recycled share (a run that passes through eras with different ones, network.eras). */
  setRecycleFrac(recycleFrac: number): void {
    if (!(recycleFrac >= 0 && recycleFrac <= 1)) throw new RangeError(`recycle_frac must be in [0, 1]: ${recycleFrac}`);
    this.recycle_frac = recycleFrac;
  }

  /** Current gross block emission (TAO/block). */
  get block_emission_tao(): number {
    return this.blockEmission;
  }

  /** Issuance at which the block emission next halves (TAO; Infinity at the cap). */
  get next_threshold_tao(): number {
    return this.nextThreshold;
  }

  private refresh(): void {
    const rao = taoToRao(this.issuance_tao);
    this.blockEmission = blockEmissionTao(this.issuance_tao);
    const k = halvingIndex(rao);
    this.nextThreshold = Number.isFinite(k) ? raoToTao(halvingThresholdRao(k + 1)) : Infinity;
  }

  /** Blocks until the block emission next changes (Infinity when issuance no longer grows). */
  blocksToNextHalving(): number {
    const net = this.blockEmission * (1 - this.recycle_frac);
    if (net <= 0 || !Number.isFinite(this.nextThreshold)) return Infinity;
    return Math.max(1, Math.ceil((this.nextThreshold - this.issuance_tao) / net));
  }

  /** Advance `blocks` blocks; returns gross emitted and recycled TAO. */
  advance(blocks: number, out: SupplySpan = { emitted_tao: 0, recycled_tao: 0 }): SupplySpan {
    out.emitted_tao = 0;
    out.recycled_tao = 0;
    let left = blocks;
    while (left > 0 && this.blockEmission > 0) {
      const toHalving = this.blocksToNextHalving();
      const m = Math.min(left, toHalving);
      const gross = m * this.blockEmission;
      const recycled = gross * this.recycle_frac;
      out.emitted_tao += gross;
      out.recycled_tao += recycled;
      this.issuance_tao = Math.min(TOTAL_SUPPLY_TAO, this.issuance_tao + gross - recycled);
      left -= m;
      if (m === toHalving) this.refresh();
    }
    return out;
  }

  /** Mint an amount outside the block schedule (the whitepaper-2020 era's inflation): raises issuance. */
  mint(amountTao: number): void {
    this.issuance_tao += amountTao;
    this.refresh();
  }

  /**
   * Issue TAO actually spent in a block (dTAO: TAO injected into pools or spent on chain buys; the
   * unspent credit is never issued). Cheap: the rate is refreshed only when a threshold is crossed.
   */
  issue(amountTao: number): void {
    this.issuance_tao += amountTao;
    if (this.issuance_tao >= this.nextThreshold) this.refresh();
  }

  /** Recycle an extra amount (e.g. a registration burn of the 2023 era): lowers issuance. */
  recycle(amountTao: number): void {
    this.issuance_tao -= amountTao;
    this.refresh();
  }
}
