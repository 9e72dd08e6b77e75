/**
 * One subnet's Yuma Consensus epoch, chain-faithful, over typed arrays.
 *
 * Mirrors subtensor `epoch/run_epoch.rs :: epoch_mechanism` (commit 14bc6f9f5) as restated in
 * `conformance/yuma/README.md` §5 and `spec/mechanics.md` §6. Notation: n uids, rows r = uids
 * holding the previous epoch's validator permit (only they carry weights or bonds), b = block.
 *
 *   1  active_i   = last_update_i + activity_cutoff ≥ b
 *   2  S          = normalise(stake_i, or 0 when floor(stake_i) < stake_threshold)
 *   3  new permit = top-k of S (stable ascending sort drops the first n − k; ties favour the
 *                   higher uid), never to S_i = 0; all S_i > 0 when n < k
 *   4  A          = normalise(S_i if active_i and permit_i)          (permit = previous epoch's)
 *   5  W          = stored u16 rows of permit holders, minus the self weight and entries set
 *                   before j's registration (last_update_i ≤ registration_j); rows normalised
 *   6  C_j        = stake-weighted κ-quantile of column j over rows with A_i > 0:
 *                   Σ{A_i : W_ij < C_j} ≤ ΣA − κ < Σ{A_i : W_ij ≤ C_j}
 *   7  W̄ = min(W, C) (W_ij > C_j = 0 is removed);  VT_i = Σ_j W̄_ij;  I = normalise(Σ_i A_i W̄_ij)
 *   8  W̃ = W + β(W̄ − W)  (β = 0: W with its explicit zeros; β = 1: W̄; else entries > 0)
 *   9  bonds (bond-models.ts), after masking columns registered since the last epoch
 *      (max(0, b − tempo) ≤ registration_j); D normalised
 *   10 emission_i = (I_i + D_i)/Σ(I + D); when Σ = 0, emission = A (or S when A = 0)
 *   11 store the new permits; bond rows: new permit → u16(x) = floor(65535x + 1e-6);
 *      permit lost → emptied; otherwise untouched.
 *
 * Layout and cost. Stored weights and bonds are dense n × n u16 matrices (row = uid), so a
 * column of the R × n validator block is read by index, never materialised: the epoch reads each
 * stored weight twice (consensus/clipping, then bonds) and each stored bond once, and writes the
 * new bonds in place. Row normalisation is a per-row factor. Consensus is an exact bucket
 * selection (see consensusAndClip); no comparator sorts, no allocation per epoch.
 */
import { findBondModel, type BondContext, type BondModel, type LiquidAlpha } from "./bond-models.js";
import { normalizeInPlace, weightedQuantile } from "./kernels.js";

export interface YumaSettings {
  bond_model: string;
  liquid_alpha: LiquidAlpha | false;
  /** κ as a fraction (Kappa/65535). */
  kappa: number;
  /** β in [0, 1]. */
  bonds_penalty: number;
  /** In millionths (900000 → EMA rate 0.1). */
  bonds_moving_average: number;
  max_allowed_validators: number;
  activity_cutoff: number;
  tempo: number;
  stake_threshold: number;
}

export const DEFAULT_YUMA_SETTINGS: Readonly<YumaSettings> = Object.freeze({
  bond_model: "yuma3",
  liquid_alpha: false,
  kappa: 32767 / 65535,
  bonds_penalty: 1,
  bonds_moving_average: 900_000,
  max_allowed_validators: 64,
  activity_cutoff: 5000,
  tempo: 360,
  stake_threshold: 0,
});

/** The outputs of the last epoch, indexed by uid. */
export interface EpochOutputs {
  incentive: Float64Array;
  dividends: Float64Array;
  consensus: Float64Array;
  validator_trust: Float64Array;
  /** Emission shares (sum 1). */
  emission: Float64Array;
  /** Permits issued by this epoch (used by the next). */
  validator_permit: Uint8Array;
  /** Stake weight S (normalised) and active stake A, for reporting. */
  stake_weight: Float64Array;
  active_stake: Float64Array;
}

export class YumaSubnet {
  readonly n: number;
  readonly settings: Readonly<YumaSettings>;
  private readonly model: BondModel;
  /** Stake weight per uid (any unit). */
  readonly stake: Float64Array;
  readonly registrationBlock: Float64Array;
  readonly lastUpdate: Float64Array;
  /** Permits issued by the previous epoch. */
  readonly permit: Uint8Array;
  readonly out: EpochOutputs;

  /** Stored weights: u16 values and entry marks, n × n (row = setter uid). */
  private readonly Wst: Uint16Array;
  private readonly Wpres: Uint8Array;
  /** Per uid: has a stored weight row; Σ of its values; its self entry's value. */
  private readonly rowSet: Uint8Array;
  private readonly rowTotal: Float64Array;
  private readonly rowSelf: Float64Array;
  /** Stored bonds, u16, n × n (row = validator uid), and whether each row has a non-zero entry. */
  private readonly Bst: Uint16Array;
  private readonly bondAny: Uint8Array;

  // Per-row scratch (R ≤ n rows) and per-column scratch, reused every epoch.
  private readonly rowsUid: Int32Array;
  private readonly base: Int32Array;
  private readonly inv: Float64Array;
  private readonly rowOk: Uint8Array;
  private readonly slow: Uint8Array;
  private readonly lu: Float64Array;
  private readonly Ar: Float64Array;
  private readonly VTr: Float64Array;
  private readonly Dr: Float64Array;
  private readonly target: Uint8Array;
  private readonly targetAny: Uint8Array;
  /** Column-major copy of the R × n weight block (entry (r, j) at j·R + r), for the bond model. */
  private readonly WT: Float64Array;
  /** Row index of each uid in this epoch's rows (−1 if none); rows with possibly outdated entries. */
  private readonly rowOf: Int32Array;
  private readonly slowRows: Int32Array;
  private nSlow = 0;
  private readonly qVals: Float64Array;
  private readonly qWts: Float64Array;
  private readonly rank: Float64Array;
  private readonly order: Int32Array;
  private readonly colMask: Uint8Array;
  /** Consensus scratch: active rows, each one's bucket, stake per bucket. */
  private readonly act: Int32Array;
  private readonly bucketOf: Int32Array;
  private readonly hist: Float64Array;
  private readonly ctx: BondContext;

  constructor(n: number, settings: Partial<YumaSettings> = {}, registrationBlock: number | ArrayLike<number> = 0) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
    this.n = n;
    this.settings = Object.freeze({ ...DEFAULT_YUMA_SETTINGS, ...settings });
    const model = findBondModel(this.settings.bond_model);
    if (!model) throw new RangeError(`unknown bond model "${this.settings.bond_model}"`);
    this.model = model;
    this.stake = new Float64Array(n);
    this.registrationBlock = new Float64Array(n);
    if (typeof registrationBlock === "number") this.registrationBlock.fill(registrationBlock);
    else this.registrationBlock.set(registrationBlock);
    this.lastUpdate = Float64Array.from(this.registrationBlock);
    this.permit = new Uint8Array(n);
    this.out = {
      incentive: new Float64Array(n),
      dividends: new Float64Array(n),
      consensus: new Float64Array(n),
      validator_trust: new Float64Array(n),
      emission: new Float64Array(n),
      validator_permit: new Uint8Array(n),
      stake_weight: new Float64Array(n),
      active_stake: new Float64Array(n),
    };
    this.Wst = new Uint16Array(n * n);
    this.Wpres = new Uint8Array(n * n);
    this.rowSet = new Uint8Array(n);
    this.rowTotal = new Float64Array(n);
    this.rowSelf = new Float64Array(n);
    this.Bst = new Uint16Array(n * n);
    this.bondAny = new Uint8Array(n);
    this.rowsUid = new Int32Array(n);
    this.base = new Int32Array(n);
    this.inv = new Float64Array(n);
    this.rowOk = new Uint8Array(n);
    this.slow = new Uint8Array(n);
    this.lu = new Float64Array(n);
    this.Ar = new Float64Array(n);
    this.VTr = new Float64Array(n);
    this.Dr = new Float64Array(n);
    this.target = new Uint8Array(n);
    this.targetAny = new Uint8Array(n);
    this.WT = new Float64Array(n * Math.min(n, Math.max(1, this.settings.max_allowed_validators)));
    this.rowOf = new Int32Array(n).fill(-1);
    this.slowRows = new Int32Array(n);
    this.qVals = new Float64Array(n);
    this.qWts = new Float64Array(n);
    this.rank = new Float64Array(n);
    this.order = new Int32Array(n);
    this.colMask = new Uint8Array(n);
    this.act = new Int32Array(n);
    this.bucketOf = new Int32Array(n);
    this.hist = new Float64Array(32);
    this.ctx = {
      R: 0,
      n,
      WT: this.WT,
      Wst: this.Wst,
      Wpres: this.Wpres,
      Bst: this.Bst,
      base: this.base,
      uid: this.rowsUid,
      inv: this.inv,
      rowOk: this.rowOk,
      slow: this.slow,
      lu: this.lu,
      registration: this.registrationBlock,
      beta: this.settings.bonds_penalty,
      C: this.out.consensus,
      rank: this.rank,
      A: this.Ar,
      a: 1 - this.settings.bonds_moving_average / 1e6,
      liquidAlpha: this.settings.liquid_alpha,
      mask: this.colMask,
      target: this.target,
      D: this.Dr,
      targetAny: this.targetAny,
      colWt: new Float64Array(n),
      colP: new Uint8Array(n),
      colB: new Float64Array(n),
      colV: new Float64Array(n),
    };
  }

  // ---------------------------------------------------------------- inputs (extrinsics)

  /** Set the stake weight vector (n values ≥ 0). */
  setStake(stake: ArrayLike<number>): void {
    this.stake.set(stake);
  }

  /**
   * `set_weights` by uid: replaces the stored row (max-upscaled to u16, explicit zeros kept as
   * entries) and sets last_update. Dests must be distinct and < n, in any order.
   */
  setWeights(uid: number, dests: ArrayLike<number>, values: ArrayLike<number>, block: number): void {
    const n = this.n;
    const o = uid * n;
    this.Wst.fill(0, o, o + n);
    this.Wpres.fill(0, o, o + n);
    let max = 0;
    for (let k = 0; k < values.length; k++) if (values[k]! > max) max = values[k]!;
    let total = 0;
    for (let k = 0; k < dests.length; k++) {
      const j = dests[k]!;
      // vec_u16_max_upscale_to_u16: round half away from zero; an all-zero row stays zero.
      const v = max === 0 ? 0 : Math.floor((values[k]! * 65535) / max + 0.5);
      this.Wst[o + j] = v;
      this.Wpres[o + j] = 1;
      total += v;
    }
    this.rowSet[uid] = 1;
    this.rowTotal[uid] = total;
    this.rowSelf[uid] = this.Wst[o + uid]!;
    this.lastUpdate[uid] = block;
  }

  /** A new hotkey takes uid (`replace_neuron`). */
  register(uid: number, block: number): void {
    const n = this.n;
    this.registrationBlock[uid] = block;
    this.lastUpdate[uid] = block;
    this.permit[uid] = 0;
    // Its own weight and bond rows are removed.
    this.Wst.fill(0, uid * n, uid * n + n);
    this.Wpres.fill(0, uid * n, uid * n + n);
    this.rowSet[uid] = 0;
    this.rowTotal[uid] = 0;
    this.rowSelf[uid] = 0;
    this.Bst.fill(0, uid * n, uid * n + n);
    this.bondAny[uid] = 0;
    // Other rows keep their entry for uid, with value 0.
    for (let v = 0; v < n; v++) {
      const k = v * n + uid;
      if (this.Wpres[k]) {
        this.rowTotal[v] = this.rowTotal[v]! - this.Wst[k]!;
        if (v === uid) this.rowSelf[v] = 0;
        this.Wst[k] = 0;
      }
    }
  }

  /** `do_reset_bonds`: remove column j from every stored bond row. */
  resetBonds(j: number): void {
    const n = this.n;
    for (let i = 0; i < n; i++) this.Bst[i * n + j] = 0;
    for (let i = 0; i < n; i++) {
      if (!this.bondAny[i]) continue;
      let any = 0;
      for (let k = i * n; k < i * n + n; k++) any |= this.Bst[k]!;
      this.bondAny[i] = any ? 1 : 0;
    }
  }

  /** Stored bonds (u16 scale) of uid i to uid j. */
  bond(i: number, j: number): number {
    return this.Bst[i * this.n + j]!;
  }

  /** The stored bond matrix, dense n × n on the u16 scale. */
  bondMatrix(): number[][] {
    const n = this.n;
    return Array.from({ length: n }, (_, i) => Array.from(this.Bst.subarray(i * n, i * n + n)));
  }

  // ---------------------------------------------------------------- the epoch

  epoch(block: number): EpochOutputs {
    const n = this.n;
    const st = this.settings;
    const { stake, permit, out } = this;
    const S = out.stake_weight;
    const A = out.active_stake;
    const newPermit = out.validator_permit;
    const reg = this.registrationBlock;

    // == 2. Stake ==
    for (let i = 0; i < n; i++) S[i] = Math.floor(stake[i]!) < st.stake_threshold ? 0 : stake[i]!;
    normalizeInPlace(S, n);

    // == 3. New validator permits (top-k by stake) ==
    this.issuePermits();

    // == 1, 4. Activity and active stake ==
    for (let i = 0; i < n; i++) A[i] = permit[i] && this.lastUpdate[i]! + st.activity_cutoff >= block ? S[i]! : 0;
    normalizeInPlace(A, n);

    // == 5. Weights: the rows and their normalisation factors ==
    let maxReg = -Infinity;
    for (let j = 0; j < n; j++) if (reg[j]! > maxReg) maxReg = reg[j]!;
    const { rowsUid: rows, base, inv, rowOk, slow, lu, Ar, rowOf } = this;
    rowOf.fill(-1);
    this.nSlow = 0;
    let R = 0;
    for (let u = 0; u < n; u++) {
      if (!permit[u] && !this.bondAny[u]) continue;
      const r = R++;
      rows[r] = u;
      base[r] = u * n;
      Ar[r] = A[u]!;
      const l = this.lastUpdate[u]!;
      lu[r] = l;
      const ok = permit[u] === 1 && this.rowSet[u] === 1;
      rowOk[r] = ok ? 1 : 0;
      slow[r] = l <= maxReg ? 1 : 0;
      rowOf[u] = r;
      if (ok && l <= maxReg) this.slowRows[this.nSlow++] = r;
      let sum = 0;
      if (!ok) sum = 0;
      else if (l > maxReg) sum = this.rowTotal[u]! - this.rowSelf[u]!;
      else for (let j = 0, k = u * n; j < n; j++, k++) if (j !== u && l > reg[j]!) sum += this.Wst[k]!;
      inv[r] = ok && sum > 0 ? 1 / sum : 0;
    }

    if (R * n > this.WT.length) {
      // More rows than permits (defensive: stored bonds without a permit); grow once.
      (this as unknown as { WT: Float64Array }).WT = new Float64Array(R * n);
      this.ctx.WT = this.WT;
    }

    // == 6, 7. Consensus, clipping, validator trust, incentive ==
    this.consensusAndClip(R);
    const I = out.incentive;
    I.set(this.rank);
    normalizeInPlace(I, n);
    const VT = out.validator_trust;
    VT.fill(0);
    for (let r = 0; r < R; r++) VT[rows[r]!] = this.VTr[r]!;

    // == 8, 9. Weights for bonds, bonds and dividends ==
    const lastTempo = Math.max(0, block - st.tempo);
    const mask = this.colMask;
    for (let j = 0; j < n; j++) mask[j] = lastTempo <= reg[j]! ? 1 : 0;
    for (let r = 0; r < R; r++) this.target[r] = newPermit[rows[r]!]!;
    const ctx = this.ctx;
    ctx.R = R;
    this.model.update(ctx);
    const D = out.dividends;
    D.fill(0);
    for (let r = 0; r < R; r++) D[rows[r]!] = this.Dr[r]!;
    normalizeInPlace(D, n);

    // == 10. Emission shares ==
    const E = out.emission;
    let sigma = 0;
    for (let i = 0; i < n; i++) sigma += I[i]! + D[i]!;
    if (sigma > 0) {
      for (let i = 0; i < n; i++) E[i] = (I[i]! + D[i]!) / sigma;
    } else {
      let anyA = false;
      for (let i = 0; i < n; i++) if (A[i]! > 0) anyA = true;
      E.set(anyA ? A : S);
    }

    // == 11. Store permits and bonds (new-permit rows were written in place by the model) ==
    for (let r = 0; r < R; r++) {
      const u = rows[r]!;
      if (this.target[r]) this.bondAny[u] = this.targetAny[r]!;
      else if (permit[u]) {
        this.Bst.fill(0, u * n, u * n + n);
        this.bondAny[u] = 0;
      }
    }
    permit.set(newPermit);
    return out;
  }

  private issuePermits(): void {
    const n = this.n;
    const S = this.out.stake_weight;
    const newPermit = this.out.validator_permit;
    const order = this.order;
    const k = this.settings.max_allowed_validators;
    let positive = 0;
    for (let i = 0; i < n; i++) if (S[i]! > 0) positive++;
    if (n < k || positive <= k) {
      // Every staked uid fits in the top k (the n − k dropped first are zero-stake uids).
      for (let i = 0; i < n; i++) newPermit[i] = S[i]! > 0 ? 1 : 0;
      return;
    }
    for (let i = 0; i < n; i++) order[i] = i;
    // Stable ascending by stake: equal stakes keep uid order, so the lower uid is dropped first.
    order.sort((a, b) => S[a]! - S[b]! || a - b);
    newPermit.fill(0);
    for (let p = n - k; p < n; p++) {
      const i = order[p]!;
      if (S[i]! > 0) newPermit[i] = 1;
    }
  }

  /**
   * Steps 6–7, one column at a time: gather column j of W (row factor × stored u16, minus the
   * self weight and outdated entries) into WT, find C_j, then clip: VT_r += min(W, C_j) and
   * rank_j = Σ_r A_r min(W, C_j).
   *
   * C_j is found by bucket selection, exactly: the active values of the column are spread over
   * NB buckets by a monotone map b(v) = floor((v − min)·(NB − ½)/(max − min)); the stake per bucket
   * locates the bucket that holds the κ-quantile (v < v' ⇒ b(v) ≤ b(v'), so every value of a lower
   * bucket is smaller), and only that bucket's few values are selected from. Branch-light: no
   * comparator sort, no partitioning of the whole column.
   */
  private consensusAndClip(R: number): void {
    const n = this.n;
    const C = this.out.consensus;
    const { Wst, base, inv, Ar, VTr, WT, qVals, qWts, rank, rowOf, slowRows, act, bucketOf, hist } = this;
    const reg = this.registrationBlock;
    const nSlow = this.nSlow;
    const NB = hist.length;
    VTr.fill(0, 0, R);
    let total = 0;
    let nAct = 0;
    for (let r = 0; r < R; r++) {
      const a = Ar[r]!;
      if (a > 0) {
        total += a;
        act[nAct++] = r;
      }
    }
    const m = total - this.settings.kappa;
    for (let j = 0; j < n; j++) {
      const o = j * R;
      // Gather column j of W into WT (column-major, reused by the bond model).
      for (let r = 0; r < R; r++) WT[o + r] = Wst[base[r]! + j]! * inv[r]!;
      const self = rowOf[j]!;
      if (self >= 0) WT[o + self] = 0;
      for (let q = 0; q < nSlow; q++) {
        const r = slowRows[q]!;
        if (this.lu[r]! <= reg[j]!) WT[o + r] = 0;
      }
      let c = 0;
      if (nAct > 0) {
        let lo = Infinity;
        let hi = -Infinity;
        for (let q = 0; q < nAct; q++) {
          const w = WT[o + act[q]!]!;
          lo = w < lo ? w : lo;
          hi = w > hi ? w : hi;
        }
        if (hi === lo) {
          c = lo;
        } else {
          const scale = (NB - 0.5) / (hi - lo);
          hist.fill(0);
          for (let q = 0; q < nAct; q++) {
            const r = act[q]!;
            const b = ((WT[o + r]! - lo) * scale) | 0;
            bucketOf[q] = b;
            hist[b]! += Ar[r]!;
          }
          let below = 0;
          let star = 0;
          while (star < NB - 1 && below + hist[star]! <= m) below += hist[star++]!;
          let k = 0;
          for (let q = 0; q < nAct; q++) {
            if (bucketOf[q] === star) {
              const r = act[q]!;
              qVals[k] = WT[o + r]!;
              qWts[k++] = Ar[r]!;
            }
          }
          c = k === 1 ? qVals[0]! : weightedQuantile(qVals, qWts, k, m - below);
        }
      }
      C[j] = c;
      rank[j] = clipColumn(WT, o, R, c, VTr, Ar);
    }
  }
}

/** Step 7 for one column: VT_r += min(W_rj, c); returns Σ_r A_r·min(W_rj, c). */
function clipColumn(WT: Float64Array, o: number, R: number, c: number, VTr: Float64Array, Ar: Float64Array): number {
  let rk = 0;
  for (let r = 0; r < R; r++) {
    const w = WT[o + r]!;
    const clipped = w < c ? w : c;
    VTr[r]! += clipped;
    rk += Ar[r]! * clipped;
  }
  return rk;
}
